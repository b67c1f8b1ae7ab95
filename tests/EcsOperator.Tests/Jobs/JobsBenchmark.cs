using System.Diagnostics;
using System.Globalization;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Simulator;

namespace EcsOperator.Tests.Jobs;

/// <summary>
/// Job throughput: N Job messages on the local queue → N Jobs → N tasks launched on the simulated cluster with ECS's
/// RunTask throttle on (100 burst, 40/s, both scaled by <c>rateFactor</c>), on a fake clock. Reports the simulated
/// time until the last task was launched as a ratio to the throttle bound <c>(N − burst) / rate</c>, and counts lost
/// (message without a Job or Job without a task) and duplicated (more than one task for one run) work.
/// </summary>
public static class JobsBenchmark
{
    public sealed record Result(int Messages, int Jobs, int TasksLaunched, int Lost, int Duplicated, double LaunchSeconds, double BoundSeconds, double WallSeconds)
    {
        public double Ratio => BoundSeconds > 0 ? LaunchSeconds / BoundSeconds : 0;
    }

    public static async Task<Result> RunAsync(TextWriter output, int messages = 1000, double rateFactor = 1.0)
    {
        ArgumentNullException.ThrowIfNull(output);
        var wall = Stopwatch.StartNew();
        var sim = new SimulatorOptions { Timings = TaskTimings.Instant, ThrottlingEnabled = true, ThrottleRateFactor = rateFactor };
        using var world = new JobWorld(instances: Math.Max(2, messages / 50), simulator: sim, instanceType: "m5.4xlarge");
        world.Options.PollInterval = TimeSpan.FromSeconds(10);
        world.Pacer = new LaunchPacer(world.Time, rateFactor: rateFactor);
        world.Rebuild();
        world.Cloud.Control.SetThrottling(false);
        await world.PutAppAsync();
        world.Cloud.Control.SetThrottleRateFactor(rateFactor); // a full bucket from here on
        world.Cloud.Control.SetThrottling(true);
        const string body = """
            apiVersion: ecs.operator/v1
            kind: Job
            metadata:
              annotations: {"simulator.ecs.operator/run-seconds": "20"}
            spec:
              appRef: web
              command: [bundle, exec, rake, "reports:one"]
            """;
        for (var i = 0; i < messages; i++) await world.Queue.SendAsync(body, null, default);

        var start = world.Time.GetUtcNow();
        var intake = world.Intake;
        while ((await intake.ReceiveOnceAsync(default)).Count > 0)
        {
        }
        var intakeWall = wall.Elapsed.TotalSeconds;
        var jobs = await world.Store.ListAsync(ResourceKind.Job, "default", default);
        foreach (var job in jobs) world.Track(job.Key);
        var launchedAt = start;
        await world.DriveAsync(async () =>
        {
            var states = (await world.Store.ListAsync(ResourceKind.Job, "default", default)).Select(j => JobState.FromJson(j.Status)).ToList();
            if (states.Any(s => s is null || !s.TaskArns.Any())) return false;
            launchedAt = states.Max(s => s!.Runs[0].StartedAt!.Value);
            return true;
        }, TimeSpan.FromMinutes(30), checkEvery: TimeSpan.FromSeconds(1));
        var launchWall = wall.Elapsed.TotalSeconds;
        await world.DriveAsync(async () => (await world.Store.ListAsync(ResourceKind.Job, "default", default))
            .All(j => JobState.FromJson(j.Status)?.IsFinished == true), TimeSpan.FromMinutes(30), checkEvery: TimeSpan.FromSeconds(10));

        world.Cloud.Control.SetThrottling(false);
        var final = (await world.Store.ListAsync(ResourceKind.Job, "default", default)).Select(j => (j.Key, State: JobState.FromJson(j.Status))).ToList();
        var taskArns = (await world.Cloud.Ecs.ListTasksAsync(JobWorld.Cluster, default, desiredStatus: "STOPPED"))
            .Concat(await world.Cloud.Ecs.ListTasksAsync(JobWorld.Cluster, default, desiredStatus: "RUNNING")).Distinct().ToList();
        var (tasks, _) = await world.Cloud.Ecs.DescribeTasksAsync(JobWorld.Cluster, taskArns, default);
        var perStartedBy = tasks.GroupBy(t => t.Str("startedBy") ?? "").ToDictionary(g => g.Key, g => g.Count());
        var duplicated = perStartedBy.Values.Sum(n => Math.Max(0, n - 1));
        var lost = (messages - final.Count) + final.Count(j => j.State is null || !j.State.TaskArns.Any()
            || !perStartedBy.ContainsKey(JobTokens.StartedBy(j.Key, j.State.Uid, 1)));

        foreach (var j in final.Where(j => j.State is null || !j.State.TaskArns.Any()).Take(3))
            output.WriteLine($"unlaunched {j.Key}: {j.State?.Phase} {j.State?.Reason} {j.State?.Message} next={j.State?.NextLaunchAt}");
        var runTask = EcsThrottleTable.LimitOf(EcsAction.RunTask).Scaled(rateFactor);
        var burst = runTask.Burst;
        var bound = Math.Max(0, (messages - burst) / runTask.PerSecond);
        var result = new Result(messages, final.Count, tasks.Count, lost, duplicated, (launchedAt - start).TotalSeconds, bound, wall.Elapsed.TotalSeconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"jobs: {result.Messages} messages -> {result.Jobs} Jobs, {result.TasksLaunched} tasks; all launched after {result.LaunchSeconds:F1} s simulated " +
            $"(RunTask bound {result.BoundSeconds:F1} s at {burst:F0} burst + {runTask.PerSecond:F1}/s): ratio {result.Ratio:F2}; " +
            $"lost {result.Lost}, duplicated {result.Duplicated}; RunTask calls {world.Cloud.EcsCallCounts.GetValueOrDefault(EcsAction.RunTask)}, " +
            $"DescribeTasks calls {world.Cloud.EcsCallCounts.GetValueOrDefault(EcsAction.DescribeTasks)}; wall {result.WallSeconds:F1} s (intake {intakeWall:F1} s, launches {launchWall - intakeWall:F1} s)"));
        return result;
    }
}
