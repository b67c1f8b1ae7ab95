using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Services;

public sealed class RolloutTests
{
    private static SimulatedTestCloud Cloud() => new SimulatedCloudBuilder().WithCluster("prod", instances: 3).Build();

    private static async Task<bool> Steady(SimulatedTestCloud sim, string td)
    {
        var s = await sim.ServiceAsync("prod", "web");
        return s.Arr("deployments")!.Count == 1 && s.Primary().Str("rolloutState") == "COMPLETED"
            && s.Str("taskDefinition") == td && s.Int("runningCount") == s.Int("desiredCount");
    }

    [Fact]
    public async Task A_new_service_reaches_a_steady_state_with_ecs_events()
    {
        using var sim = Cloud();
        var td = await sim.RegisterAsync(EcsSamples.TaskDefinition("web"));
        await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("prod", "web", td, 3));

        Assert.True(await sim.AdvanceUntilAsync(() => Steady(sim, td), TimeSpan.FromMinutes(5)));

        var s = await sim.ServiceAsync("prod", "web");
        Assert.Equal(3, s.Int("runningCount"));
        Assert.Equal(0, s.Int("pendingCount"));
        Assert.Contains("(service web) has reached a steady state.", s.EventMessages());
        Assert.Contains(s.EventMessages(), m => m.StartsWith("(service web) has started 3 tasks: (task ", StringComparison.Ordinal));
        var tasks = await sim.ServiceTasksAsync("prod", "web");
        Assert.All(tasks, t => Assert.Equal("service:web", t.Str("group")));
        Assert.All(tasks, t => Assert.Equal(s.Primary().Str("id"), t.Str("startedBy")));
        Assert.Equal(3, tasks.Select(t => t.Str("containerInstanceArn")).Distinct().Count());
    }

    [Fact]
    public async Task A_rolling_update_replaces_every_task_without_going_below_minimum_healthy()
    {
        using var sim = Cloud();
        var v1 = await sim.RegisterAsync(EcsSamples.TaskDefinition("web", image: "app:1"));
        var v2 = await sim.RegisterAsync(EcsSamples.TaskDefinition("web", image: "app:2"));
        await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("prod", "web", v1, 4,
            new JsonObject { ["minimumHealthyPercent"] = 50, ["maximumPercent"] = 150 }));
        Assert.True(await sim.AdvanceUntilAsync(() => Steady(sim, v1), TimeSpan.FromMinutes(5)));

        await sim.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "prod", ["service"] = "web", ["taskDefinition"] = v2 });
        var sawTwoDeployments = false;
        var minRunning = int.MaxValue;
        var maxLive = 0;
        var done = await sim.AdvanceUntilAsync(async () =>
        {
            var s = await sim.ServiceAsync("prod", "web");
            sawTwoDeployments |= s.Arr("deployments")!.Count == 2;
            minRunning = Math.Min(minRunning, s.Int("runningCount")!.Value);
            maxLive = Math.Max(maxLive, s.Int("runningCount")!.Value + s.Int("pendingCount")!.Value);
            return await Steady(sim, v2);
        }, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1));

        Assert.True(done);
        Assert.True(sawTwoDeployments);
        Assert.True(minRunning >= 2, $"running dropped to {minRunning}");
        Assert.True(maxLive <= 6, $"{maxLive} tasks at once");
        var tasks = await sim.ServiceTasksAsync("prod", "web");
        Assert.Equal(4, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(v2, t.Str("taskDefinitionArn")));
        var s = await sim.ServiceAsync("prod", "web");
        Assert.Contains(s.EventMessages(), m => m.Contains("deployment completed.", StringComparison.Ordinal));
    }

    /// <summary>web at 2 tasks steady on a healthy v1 under a circuit breaker, then updated to a v2 whose tasks never get healthy.</summary>
    private static async Task<(string V1, string V2)> DeployBrokenRevisionAsync(SimulatedTestCloud sim, bool rollback)
    {
        var v1 = await sim.RegisterAsync(EcsSamples.TaskDefinition("web", image: "app:1"));
        var v2 = await sim.RegisterAsync(EcsSamples.TaskDefinition("web", image: "app:broken"));
        sim.Control.SetFamilyWorkload("web:2", new WorkloadBehavior { Healthy = false });
        await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("prod", "web", v1, 2, EcsSamples.CircuitBreaker(rollback)));
        Assert.True(await sim.AdvanceUntilAsync(() => Steady(sim, v1), TimeSpan.FromMinutes(5)));
        await sim.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "prod", ["service"] = "web", ["taskDefinition"] = v2 });
        return (v1, v2);
    }

    [Fact]
    public async Task A_failing_deployment_trips_the_circuit_breaker_and_rolls_back()
    {
        using var sim = Cloud();
        var (v1, _) = await DeployBrokenRevisionAsync(sim, rollback: true);

        Assert.True(await sim.AdvanceUntilAsync(() => Steady(sim, v1), TimeSpan.FromMinutes(30)));
        var s = await sim.ServiceAsync("prod", "web");
        var messages = s.EventMessages().ToList();
        Assert.Contains(messages, m => m.EndsWith("deployment failed: tasks failed to start.", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("(service web) rolling back to deployment ecs-svc/", StringComparison.Ordinal));
        Assert.Equal(v1, s.Str("taskDefinition"));
        Assert.All(await sim.ServiceTasksAsync("prod", "web"), t => Assert.Equal(v1, t.Str("taskDefinitionArn")));
    }

    [Fact]
    public async Task Without_rollback_a_failed_deployment_stays_primary_and_stops_launching()
    {
        using var sim = Cloud();
        var (v1, v2) = await DeployBrokenRevisionAsync(sim, rollback: false);

        Assert.True(await sim.AdvanceUntilAsync(async () =>
            (await sim.ServiceAsync("prod", "web")).Primary().Str("rolloutState") == "FAILED", TimeSpan.FromMinutes(30)));
        var failedAt = (await sim.ServiceAsync("prod", "web")).Primary().Int("failedTasks");
        sim.Advance(TimeSpan.FromHours(1));

        var s = await sim.ServiceAsync("prod", "web");
        Assert.Equal(v2, s.Primary().Str("taskDefinition"));
        Assert.Equal("ECS deployment circuit breaker: tasks failed to start.", s.Primary().Str("rolloutStateReason"));
        Assert.True(failedAt >= 3);
        Assert.Equal(failedAt, s.Primary().Int("failedTasks"));
        var running = await sim.ServiceTasksAsync("prod", "web");
        Assert.Equal(2, running.Count(t => t.Str("taskDefinitionArn") == v1 && t.Str("lastStatus") == "RUNNING"));
    }

    [Fact]
    public async Task Unhealthy_tasks_of_a_service_crash_loop_and_are_counted_as_failed()
    {
        using var sim = Cloud();
        var td = await sim.RegisterAsync(EcsSamples.TaskDefinition("loop"));
        var request = EcsSamples.Service("prod", "loop", td, 1);
        request["tags"] = EcsSamples.Tags((WorkloadBehavior.HealthyTag, "false"));
        await sim.SendAsync(EcsAction.CreateService, request);

        sim.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 60; i++) sim.Advance(TimeSpan.FromSeconds(10));

        var s = await sim.ServiceAsync("prod", "loop");
        Assert.True(s.Primary().Int("failedTasks") >= 3, s.Primary().ToJsonString());
        Assert.Equal("IN_PROGRESS", s.Primary().Str("rolloutState"));
        var stopped = await sim.Ecs.ListTasksAsync("prod", CancellationToken.None, serviceName: "loop", desiredStatus: "STOPPED");
        var (tasks, _) = await sim.Ecs.DescribeTasksAsync("prod", stopped.Take(100).ToList(), CancellationToken.None);
        Assert.Contains(tasks, t => t.Str("stopCode") == "EssentialContainerExited" && t.Arr("containers").Objects().Single().Int("exitCode") == 1);
    }

    [Fact]
    public async Task A_service_whose_health_check_never_passes_reports_unhealthy_tasks_and_replaces_them()
    {
        using var sim = Cloud();
        var td = EcsSamples.TaskDefinition("sick");
        td.Arr("containerDefinitions")!.Objects().Single()["healthCheck"] = new JsonObject
        {
            ["command"] = new JsonArray("CMD-SHELL", "curl -f http://localhost/ || exit 1"), ["interval"] = 10, ["retries"] = 3,
        };
        var arn = await sim.RegisterAsync(td);
        var request = EcsSamples.Service("prod", "sick", arn, 1);
        request["tags"] = EcsSamples.Tags((WorkloadBehavior.HealthyTag, "false"));
        await sim.SendAsync(EcsAction.CreateService, request);

        Assert.True(await sim.AdvanceUntilAsync(async () =>
            (await sim.ServiceTasksAsync("prod", "sick")).Any(t => t.Str("healthStatus") == "UNHEALTHY"), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1)));
        sim.Advance(TimeSpan.FromMinutes(2));

        var stopped = await sim.Ecs.ListTasksAsync("prod", CancellationToken.None, serviceName: "sick", desiredStatus: "STOPPED");
        var (tasks, _) = await sim.Ecs.DescribeTasksAsync("prod", stopped, CancellationToken.None);
        Assert.Contains(tasks, t => t.Str("stoppedReason") == "Task failed container health checks");
        Assert.NotEqual("COMPLETED", (await sim.ServiceAsync("prod", "sick")).Primary().Str("rolloutState"));
    }
}
