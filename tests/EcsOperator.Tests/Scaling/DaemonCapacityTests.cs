using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Scaling;

namespace EcsOperator.Tests.Scaling;

/// <summary>A CapacityPool sizes every instance less what a DAEMON App's task takes on it, the daemon itself follows the
/// new instances on the simulator, and a ScalePolicy never sets a DAEMON service's count.</summary>
public sealed class DaemonCapacityTests
{
    private const string Cluster = "pool";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_pool_counts_a_daemon_task_on_every_instance_it_sizes()
    {
        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        w.Cloud.Control.CreateCluster(Cluster);
        w.Cloud.Control.CreateAutoScalingGroup("pool-nodes", Cluster, minSize: 1, maxSize: 10, desiredCapacity: 1, launchImmediately: true);
        // m5.large registers 2048 CPU units: four 512-unit web tasks fit one instance, but not beside a 1024-unit daemon.
        await w.Cloud.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, ScalingWorld.TaskDefinition("agent", 1024, 512), default);
        await w.Cloud.Ecs.SendAsync(EcsAction.CreateService, new JsonObject
        {
            ["cluster"] = Cluster, ["serviceName"] = "agent", ["taskDefinition"] = "agent", ["schedulingStrategy"] = "DAEMON",
            ["tags"] = new JsonArray(
                new JsonObject { ["key"] = OperatorTags.Managed, ["value"] = "true" },
                new JsonObject { ["key"] = OperatorTags.Owner, ["value"] = "App/default/agent" }),
        }, default);
        await w.PutAsync(ScalingWorld.AppYaml("agent", Cluster, 1024, 512) + "\n  service:\n    schedulingStrategy: DAEMON\n");
        await w.CreateServiceAsync(Cluster, "web", cpu: 512, memory: 1024, desired: 4);
        await w.PutAsync(ScalingWorld.AppYaml("web", Cluster, 512, 1024));
        var pool = await w.PutAsync("""
            apiVersion: ecs.operator/v1
            kind: CapacityPool
            metadata: {name: nodes}
            spec:
              cluster: pool
              autoScalingGroupName: pool-nodes
              buffer: 0
            """);

        for (var i = 0; i < 30 && (await w.ServiceAsync(Cluster, "web")).Int("runningCount") < 4; i++) await w.TickAsync(Tick, pool);

        var status = await w.StatusAsync(pool);
        Assert.Equal(2, status.Int("requiredInstances")); // 2048 - 1024 for the daemon leaves room for two web tasks each
        var web = await w.ServiceAsync(Cluster, "web");
        var agent = await w.ServiceAsync(Cluster, "agent");
        Assert.Equal(4, web.Int("runningCount"));
        Assert.Equal(agent.Int("desiredCount"), agent.Int("runningCount"));
        Assert.Equal(status.Int("registeredActive"), agent.Int("runningCount")); // a daemon task on every instance
    }

    [Fact]
    public async Task A_scale_policy_on_a_daemon_holds_and_says_why()
    {
        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        w.Cloud.Control.CreateCluster(Cluster);
        w.Cloud.Control.RegisterContainerInstance(Cluster);
        await w.Cloud.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, ScalingWorld.TaskDefinition("agent", 256, 512), default);
        await w.Cloud.Ecs.SendAsync(EcsAction.CreateService, new JsonObject
        {
            ["cluster"] = Cluster, ["serviceName"] = "agent", ["taskDefinition"] = "agent", ["schedulingStrategy"] = "DAEMON",
            ["tags"] = new JsonArray(
                new JsonObject { ["key"] = OperatorTags.Managed, ["value"] = "true" },
                new JsonObject { ["key"] = OperatorTags.Owner, ["value"] = "App/default/agent" }),
        }, default);
        await w.PutAsync(ScalingWorld.AppYaml("agent", Cluster, 256, 512) + "\n  service:\n    schedulingStrategy: DAEMON\n");
        w.Cloud.Control.SetAlarmState("agent-high", "ALARM");
        var policy = await w.PutAsync("""
            apiVersion: ecs.operator/v1
            kind: ScalePolicy
            metadata: {name: agent}
            spec:
              targetRef: agent
              minTaskCount: 3
              maxTaskCount: 6
              upscaleTriggers: [{alarmName: agent-high}]
            """);

        await w.TickAsync(Tick, policy);

        var active = StatusConditions.Get(await w.StatusAsync(policy), ScaleConditions.ScalingActive);
        Assert.Equal("False", active.Str("status"));
        Assert.Equal("TargetIsDaemon", active.Str("reason"));
        Assert.Equal(1, await w.DesiredCountAsync(Cluster, "agent")); // one instance, one daemon task: untouched
    }
}
