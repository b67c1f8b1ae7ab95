using EcsOperator.Core.Json;
using EcsOperator.Core.Model;

namespace EcsOperator.Tests.Scaling;

/// <summary>On the simulator: empty instances with scale-in protection are never drained, and the CapacityPool says how
/// many are protected and which ones block scale-in; lifting the protection lets scale-in proceed.</summary>
public sealed class ScaleInBlockedTests
{
    private const string PoolYaml = """
        apiVersion: ecs.operator/v1
        kind: CapacityPool
        metadata:
          name: nodes
        spec:
          cluster: pool
          autoScalingGroupName: pool-nodes
          buffer: 1
        """;

    [Fact]
    public async Task Protected_empty_instances_block_scale_in_and_the_pool_names_them()
    {
        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        w.Cloud.Control.CreateCluster("pool");
        w.Cloud.Control.CreateAutoScalingGroup("pool-nodes", "pool", minSize: 0, maxSize: 5, desiredCapacity: 3, launchImmediately: true);
        await w.TickAsync(TimeSpan.FromSeconds(10));
        var group = (await w.Cloud.AutoScaling.DescribeAutoScalingGroupsAsync(["pool-nodes"], default)).Single();
        var ids = group.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, ids.Count);
        await w.Cloud.AutoScaling.SetInstanceProtectionAsync("pool-nodes", ids, protectedFromScaleIn: true, default);
        var pool = await w.PutAsync(PoolYaml);

        await w.TickAsync(TimeSpan.FromSeconds(10), pool);
        await w.TickAsync(TimeSpan.FromSeconds(10), pool);

        var status = await w.StatusAsync(pool);
        Assert.Equal(3, status.Int("protectedInstances"));
        Assert.Empty(status.Arr("drainingInstances").Strings());
        var blocked = Condition(status, ConditionTypes.ScaleInBlocked);
        Assert.Equal(("True", "ScaleInProtection"), (blocked.Str("status"), blocked.Str("reason")));
        Assert.Contains("3 instance(s) have scale-in protection", blocked.Str("message"), StringComparison.Ordinal);
        Assert.All(ids, id => Assert.Contains(id, blocked.Str("message"), StringComparison.Ordinal));

        // Unprotect two: the pool (buffer 1, no task) drains exactly those and keeps the still-protected one.
        await w.Cloud.AutoScaling.SetInstanceProtectionAsync("pool-nodes", ids[..2], protectedFromScaleIn: false, default);
        await w.TickAsync(TimeSpan.FromSeconds(10), pool);
        status = await w.StatusAsync(pool);
        Assert.Equal(ids[..2], status.Arr("drainingInstances").Strings().Order(StringComparer.Ordinal));
        Assert.Equal(1, status.Int("protectedInstances"));
        Assert.Equal("False", Condition(status, ConditionTypes.ScaleInBlocked).Str("status"));
    }

    private static System.Text.Json.Nodes.JsonObject Condition(System.Text.Json.Nodes.JsonObject status, string type) =>
        status.Arr("conditions").Objects().Single(c => c.Str("type") == type);
}
