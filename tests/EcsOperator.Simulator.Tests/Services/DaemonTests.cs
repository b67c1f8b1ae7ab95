using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Services;

/// <summary>The DAEMON scheduler: one task per qualifying instance, ECS's refusals, and rollouts within minimumHealthyPercent.</summary>
public sealed class DaemonTests
{
    private static JsonObject Daemon(string td, JsonObject? extra = null)
    {
        var r = new JsonObject { ["cluster"] = "c", ["serviceName"] = "agent", ["taskDefinition"] = td, ["schedulingStrategy"] = "DAEMON" };
        foreach (var (k, v) in extra ?? []) r[k] = v?.DeepClone();
        return r;
    }

    private static async Task<bool> Everywhere(SimulatedTestCloud sim, string td, int count)
    {
        var s = await sim.ServiceAsync("c", "agent");
        return s.Arr("deployments")!.Count == 1 && s.Primary().Str("rolloutState") == "COMPLETED" && s.Str("taskDefinition") == td
            && s.Int("desiredCount") == count && s.Int("runningCount") == count;
    }

    [Fact]
    public async Task Ecs_refuses_a_count_a_placement_strategy_and_fargate_for_a_daemon()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c", instances: 2).Build();
        var td = await sim.RegisterAsync(EcsSamples.TaskDefinition("agent"));
        var count = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.CreateService, Daemon(td, new JsonObject { ["desiredCount"] = 2 })));
        Assert.Equal(AwsErrorKind.InvalidParameter, count.Kind);
        Assert.Contains("does not support a desired count", count.Message, StringComparison.Ordinal);
        var strategy = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.CreateService,
            Daemon(td, new JsonObject { ["placementStrategy"] = new JsonArray(new JsonObject { ["type"] = "random" }) })));
        Assert.Contains("does not support placement strategies", strategy.Message, StringComparison.Ordinal);
        var fargate = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.CreateService, Daemon(td, new JsonObject { ["launchType"] = "FARGATE" })));
        Assert.Contains("FARGATE", fargate.Message, StringComparison.Ordinal);

        await sim.SendAsync(EcsAction.CreateService, Daemon(td));
        var update = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.UpdateService,
            new JsonObject { ["cluster"] = "c", ["service"] = "agent", ["desiredCount"] = 5 }));
        Assert.Contains("does not support a desired count", update.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_instances_meeting_the_constraints_run_it_and_a_rollout_keeps_minimum_healthy()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c", instances: 4).Build();
        sim.Control.RegisterContainerInstance("c", "m6g.large");
        var v1 = await sim.RegisterAsync(EcsSamples.TaskDefinition("agent", image: "agent:1"));
        var v2 = await sim.RegisterAsync(EcsSamples.TaskDefinition("agent", image: "agent:2"));
        await sim.SendAsync(EcsAction.CreateService, Daemon(v1, new JsonObject
        {
            ["placementConstraints"] = new JsonArray(new JsonObject { ["type"] = "memberOf", ["expression"] = "attribute:ecs.cpu-architecture == x86_64" }),
            ["deploymentConfiguration"] = new JsonObject { ["minimumHealthyPercent"] = 50, ["maximumPercent"] = 100 },
        }));
        Assert.True(await sim.AdvanceUntilAsync(() => Everywhere(sim, v1, 4), TimeSpan.FromMinutes(5)));
        var service = await sim.ServiceAsync("c", "agent");
        Assert.Equal(100, service.Obj("deploymentConfiguration").Int("maximumPercent"));

        await sim.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "c", ["service"] = "agent", ["taskDefinition"] = v2 });
        var minRunning = int.MaxValue;
        var maxLive = 0;
        Assert.True(await sim.AdvanceUntilAsync(async () =>
        {
            var s = await sim.ServiceAsync("c", "agent");
            minRunning = Math.Min(minRunning, s.Int("runningCount")!.Value);
            maxLive = Math.Max(maxLive, s.Int("runningCount")!.Value + s.Int("pendingCount")!.Value);
            return await Everywhere(sim, v2, 4);
        }, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1)));
        Assert.True(minRunning >= 2, $"running fell to {minRunning} with minimumHealthyPercent 50 of 4");
        Assert.True(maxLive <= 4, $"{maxLive} tasks live with maximumPercent 100 of 4");
    }
}
