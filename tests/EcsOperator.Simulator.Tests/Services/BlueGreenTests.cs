using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Services;

/// <summary>deploymentConfiguration.strategy BLUE_GREEN: green at full count beside blue, the bake time with both kept,
/// then blue stopped; a circuit-breaker failure puts blue back.</summary>
public sealed class BlueGreenTests
{
    private static SimulatedTestCloud Cloud() => new SimulatedCloudBuilder().WithCluster("prod", instances: 4).Build();

    private static JsonObject BlueGreen(int bakeMinutes, bool circuitBreaker = false)
    {
        var dc = new JsonObject { ["strategy"] = "BLUE_GREEN", ["bakeTimeInMinutes"] = bakeMinutes };
        if (circuitBreaker) dc["deploymentCircuitBreaker"] = new JsonObject { ["enable"] = true, ["rollback"] = true };
        return dc;
    }

    private static async Task<bool> Steady(SimulatedTestCloud sim, string td)
    {
        var s = await sim.ServiceAsync("prod", "web");
        return s.Arr("deployments")!.Count == 1 && s.Primary().Str("rolloutState") == "COMPLETED"
            && s.Str("taskDefinition") == td && s.Int("runningCount") == s.Int("desiredCount");
    }

    private static async Task<int> Running(SimulatedTestCloud sim, string td) =>
        (await sim.ServiceTasksAsync("prod", "web")).Count(t => t.Str("taskDefinitionArn") == td && t.Str("lastStatus") == "RUNNING");

    [Fact]
    public async Task Green_runs_at_full_count_beside_blue_through_the_bake_time_then_blue_is_stopped()
    {
        using var sim = Cloud();
        var v1 = await sim.RegisterAsync(EcsSamples.TaskDefinition("web", image: "app:1"));
        var v2 = await sim.RegisterAsync(EcsSamples.TaskDefinition("web", image: "app:2"));
        await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("prod", "web", v1, 2, BlueGreen(bakeMinutes: 10)));
        Assert.True(await sim.AdvanceUntilAsync(() => Steady(sim, v1), TimeSpan.FromMinutes(5)));

        await sim.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "prod", ["service"] = "web", ["taskDefinition"] = v2 });
        Assert.True(await sim.AdvanceUntilAsync(async () => await Running(sim, v2) == 2, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1)));
        var shiftedAt = sim.Time.GetUtcNow();

        // Both sets run for the bake time; the green deployment stays IN_PROGRESS, the blue one ACTIVE.
        sim.Advance(TimeSpan.FromMinutes(9));
        var baking = await sim.ServiceAsync("prod", "web");
        Assert.Equal(2, await Running(sim, v1));
        Assert.Equal(2, await Running(sim, v2));
        Assert.Equal(4, baking.Int("runningCount"));
        Assert.Equal(["PRIMARY", "ACTIVE"], baking.Arr("deployments").Objects().Select(d => d.Str("status")!));
        Assert.Equal("IN_PROGRESS", baking.Primary().Str("rolloutState"));
        Assert.Contains(baking.EventMessages(), m => m.Contains("production traffic shifted", StringComparison.Ordinal));

        Assert.True(await sim.AdvanceUntilAsync(() => Steady(sim, v2), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10)));
        Assert.True(sim.Time.GetUtcNow() - shiftedAt >= TimeSpan.FromMinutes(10));
        Assert.Equal(0, await Running(sim, v1));
        Assert.Equal(2, await Running(sim, v2));
        Assert.Contains((await sim.ServiceAsync("prod", "web")).EventMessages(), m => m.EndsWith("deployment completed.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bake_time_of_zero_stops_blue_as_soon_as_green_is_healthy()
    {
        using var sim = Cloud();
        var v1 = await sim.RegisterAsync(EcsSamples.TaskDefinition("web", image: "app:1"));
        var v2 = await sim.RegisterAsync(EcsSamples.TaskDefinition("web", image: "app:2"));
        await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("prod", "web", v1, 3, BlueGreen(bakeMinutes: 0)));
        Assert.True(await sim.AdvanceUntilAsync(() => Steady(sim, v1), TimeSpan.FromMinutes(5)));

        await sim.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "prod", ["service"] = "web", ["taskDefinition"] = v2 });
        var maxLive = 0;
        var minRunning = int.MaxValue;
        Assert.True(await sim.AdvanceUntilAsync(async () =>
        {
            var s = await sim.ServiceAsync("prod", "web");
            maxLive = Math.Max(maxLive, s.Int("runningCount")!.Value + s.Int("pendingCount")!.Value);
            minRunning = Math.Min(minRunning, s.Int("runningCount")!.Value);
            return await Steady(sim, v2);
        }, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1)));
        // All three green tasks start at once beside blue, and blue serves until green is healthy.
        Assert.Equal(6, maxLive);
        Assert.Equal(3, minRunning);
    }

    [Fact]
    public async Task A_green_that_never_gets_healthy_trips_the_circuit_breaker_and_blue_is_primary_again()
    {
        using var sim = Cloud();
        var v1 = await sim.RegisterAsync(EcsSamples.TaskDefinition("web", image: "app:1"));
        var v2 = await sim.RegisterAsync(EcsSamples.TaskDefinition("web", image: "app:broken"));
        sim.Control.SetFamilyWorkload("web:2", new WorkloadBehavior { Healthy = false });
        await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("prod", "web", v1, 2, BlueGreen(bakeMinutes: 5, circuitBreaker: true)));
        Assert.True(await sim.AdvanceUntilAsync(() => Steady(sim, v1), TimeSpan.FromMinutes(5)));
        var blueTasks = (await sim.ServiceTasksAsync("prod", "web")).Select(t => t.Str("taskArn")).ToHashSet();

        await sim.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "prod", ["service"] = "web", ["taskDefinition"] = v2 });
        Assert.True(await sim.AdvanceUntilAsync(() => Steady(sim, v1), TimeSpan.FromMinutes(30)));

        var s = await sim.ServiceAsync("prod", "web");
        Assert.Contains(s.EventMessages(), m => m.EndsWith("deployment failed: tasks failed to start.", StringComparison.Ordinal));
        Assert.Contains(s.EventMessages(), m => m.StartsWith("(service web) rolling back to deployment ecs-svc/", StringComparison.Ordinal));
        Assert.Equal(v1, s.Str("taskDefinition"));
        // Blue was never scaled down: the very tasks that ran before the update still serve.
        Assert.Equal(blueTasks, (await sim.ServiceTasksAsync("prod", "web")).Select(t => t.Str("taskArn")).ToHashSet());
    }

    [Theory]
    [InlineData("LINEAR", 5, "does not model the LINEAR deployment strategy")]
    [InlineData("CANARY", 5, "does not model the CANARY deployment strategy")]
    [InlineData("BLUE_GREEN", null, "bakeTimeInMinutes must be provided")]
    [InlineData("BLUE_GREEN", -1, "bakeTimeInMinutes must be at least 0")]
    public async Task Strategies_the_simulator_does_not_model_or_an_incomplete_blue_green_are_refused(string strategy, int? bake, string expected)
    {
        using var sim = Cloud();
        var v1 = await sim.RegisterAsync(EcsSamples.TaskDefinition("web"));
        var dc = new JsonObject { ["strategy"] = strategy };
        if (bake is { } b) dc["bakeTimeInMinutes"] = b;

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("prod", "web", v1, 1, dc)));

        Assert.Equal("InvalidParameterException", e.Code);
        Assert.Contains(expected, e.ErrorMessage, StringComparison.Ordinal);
    }
}
