using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Tasks;

/// <summary>Containers of one task started in dependsOn order, the workload in its own container, and ECS's rules for
/// essential and non-essential containers exiting.</summary>
public sealed class ContainerOrderTests
{
    private static JsonObject Container(string name, bool essential, params (string Container, string Condition)[] dependsOn)
    {
        var c = new JsonObject { ["name"] = name, ["image"] = name + ":1", ["memory"] = 128, ["essential"] = essential };
        if (dependsOn.Length > 0)
        {
            c["dependsOn"] = new JsonArray([.. dependsOn.Select(d => (JsonNode?)new JsonObject { ["containerName"] = d.Container, ["condition"] = d.Condition })]);
        }
        return c;
    }

    private static async Task<(SimulatedTestCloud Sim, string Arn)> RunAsync(JsonArray containers, string workloadContainer, params (string Key, string Value)[] behaviour)
    {
        var sim = new SimulatedCloudBuilder().WithCluster("default", instances: 1).Build();
        await sim.RegisterAsync(new JsonObject { ["family"] = "multi", ["containerDefinitions"] = containers });
        var tags = EcsSamples.Tags([(OperatorTags.Container, workloadContainer), .. behaviour]);
        var resp = await sim.SendAsync(EcsAction.RunTask, new JsonObject
        {
            ["cluster"] = "default", ["taskDefinition"] = "multi", ["launchType"] = "EC2", ["startedBy"] = "test", ["tags"] = tags,
        });
        return (sim, resp.Arr("tasks").Objects().Single().Str("taskArn")!);
    }

    private static JsonObject Of(JsonObject task, string container) => task.Arr("containers").Objects().Single(c => c.Str("name") == container);

    [Fact]
    public async Task A_container_waits_for_its_dependency_to_succeed_and_the_task_is_running_only_then()
    {
        var (sim, arn) = await RunAsync(
            [Container("migrate", false), Container("app", true, ("migrate", "SUCCESS")), Container("proxy", true, ("app", "START"))],
            "migrate", (WorkloadBehavior.RunSecondsTag, "20"), (WorkloadBehavior.ExitCodeTag, "0"));
        using var _ = sim;

        Assert.True(await sim.AdvanceUntilAsync(async () => Of(await sim.TaskAsync("default", arn), "migrate").Str("lastStatus") == "RUNNING",
            TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1)));
        var early = await sim.TaskAsync("default", arn);
        Assert.Equal("PENDING", early.Str("lastStatus"));
        Assert.Equal("PENDING", Of(early, "app").Str("lastStatus"));
        Assert.Equal("PENDING", Of(early, "proxy").Str("lastStatus"));

        Assert.True(await sim.AdvanceUntilAsync(async () => (await sim.TaskAsync("default", arn)).Str("lastStatus") == "RUNNING",
            TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1)));
        var running = await sim.TaskAsync("default", arn);
        Assert.Equal("STOPPED", Of(running, "migrate").Str("lastStatus"));
        Assert.Equal(0, Of(running, "migrate").Int("exitCode"));
        Assert.Equal("RUNNING", Of(running, "app").Str("lastStatus"));
        Assert.Equal("RUNNING", Of(running, "proxy").Str("lastStatus"));
        Assert.Equal("RUNNING", running.Str("desiredStatus"));

        // The other containers run until stopped: an hour later the task still runs.
        sim.Advance(TimeSpan.FromHours(1));
        Assert.Equal("RUNNING", (await sim.TaskAsync("default", arn)).Str("lastStatus"));
    }

    [Fact]
    public async Task A_dependency_that_fails_keeps_its_dependent_from_starting_and_stops_the_task()
    {
        var (sim, arn) = await RunAsync(
            [Container("migrate", false), Container("app", true, ("migrate", "SUCCESS"))],
            "migrate", (WorkloadBehavior.RunSecondsTag, "5"), (WorkloadBehavior.ExitCodeTag, "2"));
        using var _ = sim;

        Assert.True(await sim.AdvanceUntilAsync(async () => (await sim.TaskAsync("default", arn)).Str("lastStatus") == "STOPPED",
            TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1)));
        var t = await sim.TaskAsync("default", arn);
        Assert.Equal(2, Of(t, "migrate").Int("exitCode"));
        Assert.Null(Of(t, "app").Int("exitCode"));
        Assert.Contains("dependency migrate did not reach condition SUCCESS", Of(t, "app").Str("reason"), StringComparison.Ordinal);
        Assert.Equal("TaskFailedToStart", t.Str("stopCode"));
    }

    [Fact]
    public async Task A_non_essential_container_exiting_leaves_the_task_running_until_it_is_stopped()
    {
        var (sim, arn) = await RunAsync([Container("app", true), Container("rake", false)], "rake",
            (WorkloadBehavior.RunSecondsTag, "3"), (WorkloadBehavior.ExitCodeTag, "1"));
        using var _ = sim;

        Assert.True(await sim.AdvanceUntilAsync(async () => Of(await sim.TaskAsync("default", arn), "rake").Str("lastStatus") == "STOPPED",
            TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1)));
        sim.Advance(TimeSpan.FromMinutes(10));
        var t = await sim.TaskAsync("default", arn);
        Assert.Equal("RUNNING", t.Str("lastStatus"));
        Assert.Equal(1, Of(t, "rake").Int("exitCode"));
        Assert.Equal("RUNNING", Of(t, "app").Str("lastStatus"));
        Assert.Null(Of(t, "app").Int("exitCode"));

        await sim.SendAsync(EcsAction.StopTask, new JsonObject { ["cluster"] = "default", ["task"] = arn, ["reason"] = "done" });
        sim.Advance(TimeSpan.FromMinutes(1));
        var stopped = await sim.TaskAsync("default", arn);
        Assert.Equal("STOPPED", stopped.Str("lastStatus"));
        Assert.Equal("UserInitiated", stopped.Str("stopCode"));
        Assert.Equal(143, Of(stopped, "app").Int("exitCode"));
        Assert.Equal(1, Of(stopped, "rake").Int("exitCode"));
    }

    [Fact]
    public async Task An_essential_container_exiting_stops_the_task_and_sigterms_the_others()
    {
        var (sim, arn) = await RunAsync([Container("app", true), Container("log-router", false), Container("proxy", true, ("app", "START"))], "app",
            (WorkloadBehavior.RunSecondsTag, "30"), (WorkloadBehavior.ExitCodeTag, "4"));
        using var _ = sim;

        Assert.True(await sim.AdvanceUntilAsync(async () => (await sim.TaskAsync("default", arn)).Str("lastStatus") == "STOPPED",
            TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1)));
        var t = await sim.TaskAsync("default", arn);
        Assert.Equal("EssentialContainerExited", t.Str("stopCode"));
        Assert.Equal("Essential container in task exited", t.Str("stoppedReason"));
        Assert.Equal(4, Of(t, "app").Int("exitCode"));
        Assert.Equal(143, Of(t, "log-router").Int("exitCode"));
        Assert.Equal(143, Of(t, "proxy").Int("exitCode"));
        Assert.Equal(30, t.Long("stoppingAt")!.Value - t.Long("startedAt")!.Value);
    }

    [Fact]
    public async Task Without_a_tag_the_container_whose_command_is_overridden_runs_the_workload()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default", instances: 1).Build();
        await sim.RegisterAsync(new JsonObject { ["family"] = "multi", ["containerDefinitions"] = new JsonArray(Container("app", true), Container("rake", false)) });
        var arn = (await sim.SendAsync(EcsAction.RunTask, new JsonObject
        {
            ["cluster"] = "default", ["taskDefinition"] = "multi", ["launchType"] = "EC2",
            ["overrides"] = new JsonObject { ["containerOverrides"] = new JsonArray(new JsonObject { ["name"] = "rake", ["command"] = new JsonArray("rake", "-T") }) },
            ["tags"] = EcsSamples.Tags((WorkloadBehavior.RunSecondsTag, "2")),
        })).Arr("tasks").Objects().Single().Str("taskArn")!;

        Assert.True(await sim.AdvanceUntilAsync(async () => Of(await sim.TaskAsync("default", arn), "rake").Str("lastStatus") == "STOPPED",
            TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1)));
        var t = await sim.TaskAsync("default", arn);
        Assert.Equal(0, Of(t, "rake").Int("exitCode"));
        Assert.Equal("RUNNING", t.Str("lastStatus"));
    }

    [Fact]
    public async Task A_container_waiting_for_a_healthy_dependency_starts_once_its_check_passes()
    {
        var envoy = Container("envoy", true);
        envoy["healthCheck"] = new JsonObject { ["command"] = new JsonArray("CMD-SHELL", "curl -f http://localhost:9901/ready") };
        var (sim, arn) = await RunAsync([envoy, Container("app", true, ("envoy", "HEALTHY"))], "app", (WorkloadBehavior.RunSecondsTag, "10"));
        using var _ = sim;

        Assert.True(await sim.AdvanceUntilAsync(async () => (await sim.TaskAsync("default", arn)).Str("lastStatus") == "RUNNING",
            TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1)));
        var t = await sim.TaskAsync("default", arn);
        Assert.Equal("HEALTHY", Of(t, "envoy").Str("healthStatus"));
        Assert.Equal("RUNNING", Of(t, "app").Str("lastStatus"));
    }

    [Fact]
    public async Task A_container_waiting_for_a_dependency_that_turns_unhealthy_never_starts()
    {
        var envoy = Container("envoy", true);
        envoy["healthCheck"] = new JsonObject { ["command"] = new JsonArray("CMD-SHELL", "curl -f http://localhost:9901/ready") };
        var (sim, arn) = await RunAsync([envoy, Container("app", true, ("envoy", "HEALTHY"))], "app", (WorkloadBehavior.HealthyTag, "false"));
        using var _ = sim;

        Assert.True(await sim.AdvanceUntilAsync(async () => (await sim.TaskAsync("default", arn)).Str("lastStatus") == "STOPPED",
            TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1)));
        var t = await sim.TaskAsync("default", arn);
        Assert.Equal("TaskFailedToStart", t.Str("stopCode"));
        Assert.Null(Of(t, "app").Int("exitCode"));
        Assert.Contains("dependency envoy did not reach condition HEALTHY", Of(t, "app").Str("reason"), StringComparison.Ordinal);
        Assert.Equal(143, Of(t, "envoy").Int("exitCode"));
    }
}
