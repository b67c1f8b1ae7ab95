using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Tests.Scaling;

/// <summary>A CapacityPool sizes every instance less what a DAEMON App's task takes on it; the daemon itself follows the
/// new instances on the simulator.</summary>
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
}
