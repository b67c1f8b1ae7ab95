using EcsOperator.Core.Aws;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;

namespace EcsOperator.Tests.Jobs;

/// <summary>A Job whose container shares its task with a web server that never exits (the App's essential <c>app</c>
/// container, its own container a non-essential <c>sidecar</c>): the Job ends when its container does.</summary>
public sealed class JobContainerTests : IDisposable
{
    private readonly JobWorld world = new();

    public void Dispose() => world.Dispose();

    private const string Behaviour = """{"simulator.ecs.operator/exit-code": "EXIT", "simulator.ecs.operator/run-seconds": "30"}""";

    [Fact]
    public async Task The_job_ends_when_its_container_exits_and_the_rest_of_the_task_is_stopped()
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync("rake", "{appRef: web, container: sidecar, command: [rake, -T]}", Behaviour.Replace("EXIT", "0", StringComparison.Ordinal));
        var start = world.Time.GetUtcNow();

        await world.DriveUntilFinishedAsync(key, TimeSpan.FromMinutes(10));

        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Succeeded, s.Phase);
        Assert.Equal(0, s.ExitCode);
        Assert.True(s.CompletionTime - start < TimeSpan.FromSeconds(45), $"finished after {s.CompletionTime - start}");
        Assert.Empty(await world.Cloud.Ecs.ListTasksAsync(JobWorld.Cluster, default, startedBy: s.Runs.Single().StartedBy, desiredStatus: "RUNNING"));
        var (tasks, _) = await world.Cloud.Ecs.DescribeTasksAsync(JobWorld.Cluster, [s.Runs.Single().TaskArn!], default);
        Assert.Equal("ecs-operator: Job default/rake finished: its container sidecar exited with code 0", tasks.Single().Str("stoppedReason"));

        // The finished Job looks once more and records the web container's SIGTERM exit, for reference only.
        await world.DriveAsync(async () => (await world.StateAsync(key))!.Runs.Single().Containers!.All(c => c.LastStatus == "STOPPED"), TimeSpan.FromMinutes(3));
        s = (await world.StateAsync(key))!;
        var containers = s.Runs.Single().Containers!;
        Assert.Equal(143, containers.Single(c => c.Name == "app").ExitCode);
        Assert.Equal(0, containers.Single(c => c.Name == "sidecar").ExitCode);
        Assert.Equal(JobPhases.Succeeded, s.Phase);
        Assert.Equal(0, s.ExitCode);
    }

    [Fact]
    public async Task Every_failed_run_stops_its_task_and_the_exit_code_is_the_containers()
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync("rake", "{appRef: web, container: sidecar, command: [rake, db:migrate], backoffLimit: 1}", Behaviour.Replace("EXIT", "3", StringComparison.Ordinal));

        await world.DriveUntilFinishedAsync(key, TimeSpan.FromMinutes(30));

        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Failed, s.Phase);
        Assert.Equal(JobReasons.BackoffLimit, s.Reason);
        Assert.Equal(3, s.ExitCode);
        Assert.Equal(2, s.Runs.Count);
        foreach (var run in s.Runs)
        {
            Assert.Equal(3, run.ExitCode);
            Assert.Equal(nameof(RunOutcome.NonZeroExit), run.Outcome);
            Assert.Empty(await world.Cloud.Ecs.ListTasksAsync(JobWorld.Cluster, default, startedBy: run.StartedBy, desiredStatus: "RUNNING"));
        }
    }

    [Fact]
    public async Task A_job_in_the_essential_container_still_ends_with_the_task()
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync("migrate", "{appRef: web, command: [rails, db:migrate]}", Behaviour.Replace("EXIT", "5", StringComparison.Ordinal));

        await world.DriveUntilFinishedAsync(key, TimeSpan.FromMinutes(10));

        var s = (await world.StateAsync(key))!;
        Assert.Equal("app", s.Container);
        Assert.Equal(5, s.ExitCode);
        Assert.Equal("Essential container in task exited", s.StoppedReason);
        Assert.Equal(143, s.Runs.Single().Containers!.Single(c => c.Name == "sidecar").ExitCode);
    }
}
