using EcsOperator.Core.Aws;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Tests.Jobs;

public sealed class JobRunTests : IDisposable
{
    private readonly JobWorld world = new();

    public void Dispose() => world.Dispose();

    private static string Sim(int exit, int seconds) =>
        $$"""{"simulator.ecs.operator/exit-code": "{{exit}}", "simulator.ecs.operator/run-seconds": "{{seconds}}", "simulator.ecs.operator/log": "hello\nbye"}""";

    [Fact]
    public async Task A_job_runs_the_apps_revision_and_succeeds()
    {
        var revision = await world.PutAppAsync();
        var key = await world.PutJobAsync("migrate", "{appRef: web, command: [bin/rails, db:migrate], environment: {A: '1'}}", Sim(0, 30));
        await world.DriveUntilFinishedAsync(key);

        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Succeeded, s.Phase);
        Assert.Equal(0, s.ExitCode);
        Assert.Equal(revision, s.TaskDefinitionArn);
        Assert.Equal("app", s.Container);
        var arn = Assert.Single(s.TaskArns);
        Assert.True(s.CompletionTime - s.StartTime >= TimeSpan.FromSeconds(30));
        var (tasks, _) = await world.Cloud.Ecs.DescribeTasksAsync(JobWorld.Cluster, [arn], default);
        var task = Assert.Single(tasks);
        Assert.Equal(["bin/rails", "db:migrate"], task.Obj("overrides").Arr("containerOverrides").Objects().Single(c => c.Str("name") == "app").Arr("command").Strings());
        Assert.Contains(task.Arr("tags").Objects(), t => t.Str("key") == OperatorTags.Owner && t.Str("value") == key.Pk);
        var reasons = (await world.EventsAsync(key)).Select(e => e.Reason).ToList();
        Assert.Contains(JobReasons.Launched, reasons);
        Assert.Contains(JobReasons.Completed, reasons);
    }

    [Fact]
    public async Task A_job_that_exits_3_fails_with_exit_code_3_after_its_retries()
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync("boom", "{appRef: web, backoffLimit: 1}", Sim(3, 5));
        await world.DriveUntilFinishedAsync(key);

        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Failed, s.Phase);
        Assert.Equal(JobReasons.BackoffLimit, s.Reason);
        Assert.Equal(3, s.ExitCode);
        Assert.Equal(2, s.TaskArns.Count());
        Assert.Equal(2, s.Failures);
        Assert.Equal("Failed", s.ToStatus().Conditions[0].Type);
    }

    [Fact]
    public async Task Placement_failures_retry_until_capacity_appears()
    {
        await world.PutAppAsync(memory: 30000);
        var key = await world.PutJobAsync("big", "{appRef: web, launchRetry: {limit: 20, initialIntervalSeconds: 10, maxIntervalSeconds: 60}}", Sim(0, 5));
        await world.DriveAsync(async () => (await world.StateAsync(key))?.PlacementRetries >= 3, TimeSpan.FromHours(1));
        Assert.Equal(JobPhases.Pending, (await world.StateAsync(key))!.Phase);
        world.Cloud.Control.RegisterContainerInstance(JobWorld.Cluster, "m5.4xlarge");
        await world.DriveUntilFinishedAsync(key);

        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Succeeded, s.Phase);
        Assert.Equal(0, s.Failures);
        Assert.Single(s.TaskArns);
        var events = await world.EventsAsync(key);
        Assert.Contains(events, e => e.Reason == JobReasons.Placement && e.Message.Contains("RESOURCE:MEMORY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_past_its_timeout_is_stopped_and_fails_with_deadline_exceeded()
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync("slow", "{appRef: web, timeoutSeconds: 60}", Sim(0, 3600));
        await world.DriveUntilFinishedAsync(key);

        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Failed, s.Phase);
        Assert.Equal(JobReasons.DeadlineExceeded, s.Reason);
        Assert.InRange((s.CompletionTime - s.StartTime)!.Value.TotalSeconds, 60, 66);
        world.Time.Advance(TimeSpan.FromSeconds(30));
        var (tasks, _) = await world.Cloud.Ecs.DescribeTasksAsync(JobWorld.Cluster, [s.TaskArns.Single()], default);
        Assert.Equal("STOPPED", tasks.Single().Str("lastStatus"));
        Assert.Contains("DeadlineExceeded", tasks.Single().Str("stoppedReason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_whose_host_is_terminated_reruns_without_counting_a_failure()
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync("batch", "{appRef: web}", Sim(0, 600));
        await world.DriveAsync(async () => (await world.StateAsync(key))?.Phase == JobPhases.Running, TimeSpan.FromMinutes(5));
        var first = (await world.StateAsync(key))!.TaskArns.Single();
        var (tasks, _) = await world.Cloud.Ecs.DescribeTasksAsync(JobWorld.Cluster, [first], default);
        world.Cloud.Control.DeregisterContainerInstance(JobWorld.Cluster, tasks.Single().Str("containerInstanceArn")!);
        await world.DriveUntilFinishedAsync(key);

        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Succeeded, s.Phase);
        Assert.Equal(0, s.Failures);
        Assert.Equal(1, s.HostRetries);
        Assert.Equal(2, s.TaskArns.Count());
        Assert.Equal(nameof(RunOutcome.HostLost), s.Runs[0].Outcome);
        Assert.Contains(await world.EventsAsync(key), e => e.Reason == JobReasons.HostLost);
    }

    [Fact]
    public async Task Finished_jobs_are_deleted_after_their_ttl()
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync("short", "{appRef: web, ttlSecondsAfterFinished: 300}", Sim(0, 5));
        await world.DriveUntilFinishedAsync(key);
        Assert.NotNull(await world.Store.GetAsync(key, default));
        await world.DriveAsync(async () => await world.Store.GetAsync(key, default) is null, TimeSpan.FromMinutes(10));
        Assert.Null(await world.Store.GetAsync(key, default));
    }

    [Fact]
    public async Task A_stop_request_stops_the_task_and_fails_the_job()
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync("interactive", "{appRef: web}", Sim(0, 3600));
        await world.DriveAsync(async () => (await world.StateAsync(key))?.Phase == JobPhases.Running, TimeSpan.FromMinutes(5));
        var stored = (await world.Store.GetAsync(key, default))!;
        await world.Store.PutAsync(key, stored.Manifest.Replace("annotations: {", "annotations: {\"ecs.operator/stop\": \"Ctrl-C\", ", StringComparison.Ordinal), stored.Version, default);
        world.Track(key);
        await world.DriveUntilFinishedAsync(key);
        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobReasons.Stopped, s.Reason);
        world.Time.Advance(TimeSpan.FromSeconds(30));
        var (tasks, _) = await world.Cloud.Ecs.DescribeTasksAsync(JobWorld.Cluster, [s.TaskArns.Single()], default);
        Assert.Equal("STOPPED", tasks.Single().Str("lastStatus"));
    }

    [Fact]
    public async Task Inline_task_definitions_are_registered_once_with_owner_tags()
    {
        var key = await world.PutJobAsync("inline", $$"""{cluster: {{JobWorld.Cluster}}, taskDefinition: {containerDefinitions: [{name: main, image: "busybox", memory: 128}]}, command: [echo, hi]}""", Sim(0, 5));
        await world.DriveUntilFinishedAsync(key);
        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Succeeded, s.Phase);
        var td = await world.Cloud.Ecs.DescribeTaskDefinitionAsync(s.TaskDefinitionArn!, default);
        Assert.Contains(td!.Value.Tags.Objects(), t => t.Str("key") == OperatorTags.Owner && t.Str("value") == key.Pk);
        Assert.Single(await world.Cloud.Ecs.ListTaskDefinitionsAsync("job-default-inline", null, default));
    }
}
