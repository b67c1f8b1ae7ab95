using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Tests.EndToEnd;

namespace EcsOperator.Tests.Jobs;

/// <summary>
/// The setup Rails teams run (an essential web container <c>app</c> and a non-essential <c>rake</c> container in one
/// task definition, on a cluster named <c>app</c>, the schema migration as a pre-deploy hook in <c>rake</c>) through
/// the whole operator host on the simulator: a Job ends when its own container exits, whatever the web server does.
/// </summary>
public sealed class SidecarJobTests : IAsyncLifetime
{
    private readonly OperatorWorld w = new();

    public Task InitializeAsync()
    {
        w.Cloud.Control.EnsureDefaultCluster(instanceCount: 3, name: "app");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private static string TalkApp(string annotations = "", string cluster = "app") => $$"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: web
          annotations:
            simulator.ecs.operator/hook-run-seconds: "4"
        {{annotations}}
        spec:
          cluster: {{cluster}}
          replicas: 2
          taskDefinition:
            containerDefinitions:
              - name: app
                image: rails-app:1
                memory: 256
                essential: true
                command: [bundle, exec, unicorn_rails, -c, config/unicorn.rb]
              - name: rake
                image: rails-app:1
                memory: 128
                essential: false
          hooks:
            preDeploy:
              - name: ridgepole
                container: rake
                command: [bundle, exec, rake, db:ridgepole:apply, before_release:validate]
                timeoutSeconds: 600
        """;

    private async Task<JobState> HookJobAsync()
    {
        var jobs = await w.Store.ListAsync(ResourceKind.Job, "default", default);
        var hook = jobs.Single(j => j.Key.Name.StartsWith("web-ridgepole-r", StringComparison.Ordinal));
        return JobState.FromJson(hook.Status)!;
    }

    private async Task<JsonObject> TaskAsync(string cluster, string arn)
    {
        var (tasks, _) = await w.Cloud.Ecs.DescribeTasksAsync(cluster, [arn], default);
        return tasks.Single();
    }

    [Fact]
    public async Task The_migration_hook_in_the_rake_container_succeeds_and_stops_the_web_container_it_shares_a_task_with()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", TalkApp());
        var status = await w.WaitForAsync("web", OperatorWorld.Available, "the first rollout", 60);

        var hook = await HookJobAsync();
        Assert.Equal(JobPhases.Succeeded, hook.Phase);
        Assert.Equal(0, hook.ExitCode);
        Assert.Equal("rake", hook.Container);
        var run = hook.Runs.Single();
        Assert.Equal(nameof(RunOutcome.Succeeded), run.Outcome);
        Assert.Contains("its container rake exited with code 0", run.StoppedReason, StringComparison.Ordinal);

        // The web container never exits by itself: the operator stopped the task, naming the Job.
        await w.WaitAsync(async () => (await TaskAsync("app", run.TaskArn!)).Str("lastStatus") == "STOPPED", "the hook's task to stop");
        var task = await TaskAsync("app", run.TaskArn!);
        Assert.Equal("UserInitiated", task.Str("stopCode"));
        Assert.StartsWith("ecs-operator: Job default/web-ridgepole-r", task.Str("stoppedReason"), StringComparison.Ordinal);

        // The web container's SIGTERM exit is recorded for reference once the task has stopped; it decides nothing.
        await w.WaitAsync(async () => (await HookJobAsync()).Runs.Single().Containers?.All(c => c.LastStatus == "STOPPED") == true,
            "the other containers' exit codes in the Job status");
        var containers = (await HookJobAsync()).Runs.Single().Containers!;
        Assert.Equal(143, containers.Single(c => c.Name == "app").ExitCode);
        Assert.Equal(0, containers.Single(c => c.Name == "rake").ExitCode);
        Assert.Equal(0, (await HookJobAsync()).ExitCode);
    }

    [Fact]
    public async Task A_failing_migration_blocks_the_app_with_the_rake_exit_code_not_the_web_servers_143()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", TalkApp("    simulator.ecs.operator/hook-exit-code: \"1\""));
        var blocked = await w.WaitForAsync("web", s => StatusConditions.Get(s, "Degraded").Str("reason") == "HookFailed", "the hook to fail", 60);

        var message = StatusConditions.Get(blocked, "Degraded").Str("message")!;
        Assert.Contains("exit code 1", message, StringComparison.Ordinal);
        Assert.DoesNotContain("143", message, StringComparison.Ordinal);
        var hook = await HookJobAsync();
        Assert.Equal(JobPhases.Failed, hook.Phase);
        Assert.Equal(1, hook.ExitCode);
        Assert.Equal(JobReasons.NonZeroExit, hook.Reason);
    }

    [Fact]
    public async Task Ecsctl_run_in_the_rake_container_exits_0_when_rake_is_done()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", TalkApp());
        await w.WaitForAsync("web", OperatorWorld.Available, "the first rollout", 60);

        var started = DateTime.UtcNow;
        var (exit, _, err) = await w.EcsctlAsync("run", "app/web", "--container", "rake", "--", "bundle", "exec", "rake", "-T");
        Assert.True(exit == 0, err);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), $"ecsctl run took {DateTime.UtcNow - started}");

        var job = (await w.Store.ListAsync(ResourceKind.Job, "default", default)).Single(j => j.Key.Name.StartsWith("web-run-", StringComparison.Ordinal));
        var state = JobState.FromJson(job.Status)!;
        Assert.Equal("rake", state.Container);
        Assert.Equal(0, state.ExitCode);
        // Run in the shared task: the web container there was still running when rake exited.
        Assert.Contains(state.Runs.Single().Containers!, c => c.Name == "app");
    }

    [Fact]
    public async Task Ecsctl_run_prints_why_the_job_waits_while_the_cluster_is_missing()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", TalkApp(cluster: "nowhere"));
        await w.WaitForAsync("web", s => StatusConditions.Get(s, "Degraded").Str("reason") == "ClusterNotFound", "ClusterNotFound", 60);

        var (exit, _, err) = await w.EcsctlAsync("run", "app/web", "--container", "rake", "--timeout", "120", "--", "bundle", "exec", "rake", "-T");

        Assert.Equal(1, exit);
        Assert.Contains("waiting: App web has no task definition yet: cluster nowhere does not exist", err, StringComparison.Ordinal);
        Assert.Contains("DeadlineExceeded", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ecsctl_wait_prints_the_waiting_reason_too()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", TalkApp(cluster: "nowhere"));
        await w.WaitForAsync("web", s => StatusConditions.Get(s, "Degraded").Str("reason") == "ClusterNotFound", "ClusterNotFound", 60);
        var (_, name, _) = await w.EcsctlAsync("run", "app/web", "--detach", "--", "rake", "-T");

        var (exit, _, err) = await w.EcsctlAsync("wait", "job/" + name.Trim(), "--timeout", "60s");

        Assert.Equal(1, exit);
        Assert.Contains("waiting: App web has no task definition yet: cluster nowhere does not exist", err, StringComparison.Ordinal);
        Assert.Contains("timed out", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ecsctl_run_fails_fast_when_the_app_can_never_get_a_task_definition()
    {
        await w.StartOperatorAsync();
        // ECS refuses a container with less than 6 MiB: only a new App spec can fix that.
        await w.ApplyAsync("web", TalkApp().Replace("memory: 128", "memory: 4", StringComparison.Ordinal));
        await w.WaitForAsync("web", s => StatusConditions.Get(s, "Degraded").Str("reason") == "Rejected", "the App to be rejected", 60);

        var started = DateTime.UtcNow;
        var (exit, _, err) = await w.EcsctlAsync("run", "app/web", "--container", "rake", "--", "bundle", "exec", "rake", "-T");

        Assert.Equal(1, exit);
        Assert.Contains("AppFailed", err, StringComparison.Ordinal);
        Assert.Contains("App web has no task definition and cannot get one: Rejected", err, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), $"ecsctl run took {DateTime.UtcNow - started}");
    }

    [Fact]
    public async Task Ecsctl_run_refuses_a_container_the_task_definition_does_not_have()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", TalkApp());
        await w.WaitForAsync("web", OperatorWorld.Available, "the first rollout", 60);

        var (exit, _, err) = await w.EcsctlAsync("run", "app/web", "--container", "rakee", "--", "rake", "-T");

        Assert.Equal(1, exit);
        Assert.Contains("container rakee is not in task definition", err, StringComparison.Ordinal);
        Assert.Contains("app, rake", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ecsctl_wait_fails_fast_on_a_job_the_operator_refused()
    {
        await w.StartOperatorAsync();
        await w.Store.PutAsync(new ResourceKey(ResourceKind.Job, "default", "bad"),
            "apiVersion: ecs.operator/v1\nkind: Job\nmetadata: {name: bad}\nspec: {appRef: web, backoffLimit: -1}\n", null, default);

        var started = DateTime.UtcNow;
        var (exit, _, err) = await w.EcsctlAsync("wait", "job/bad", "--timeout", "10m");

        Assert.Equal(1, exit);
        Assert.Contains("job/bad was refused (InvalidSpec", err, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), $"ecsctl wait took {DateTime.UtcNow - started}");
    }
}
