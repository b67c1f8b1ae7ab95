using EcsOperator.Core.Json;
using EcsOperator.Core.Scaling;

namespace EcsOperator.Tests.Scaling;

/// <summary>A CapacityPool with <c>ignoreDifferences: [desiredCapacity]</c> on the simulator: a desired capacity another
/// owner set is not taken back (no drain, no terminate with decrement); without the rule the idle instances leave.</summary>
public sealed class CapacityPoolIgnoreTests
{
    private static string PoolYaml(string extra) => $"""
        apiVersion: ecs.operator/v1
        kind: CapacityPool
        metadata:
          name: nodes
        spec:
          cluster: pool
          autoScalingGroupName: pool-nodes
          drainTimeoutSeconds: 60
        {extra}
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_ignored_desired_capacity_is_not_set_back(bool ignored)
    {
        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero),
            options: new ScalingOptions { RegistrationGrace = TimeSpan.FromMinutes(3) });
        w.Cloud.Control.CreateCluster("pool");
        // Three instances, no task needs any: the group's other owner wants them there.
        w.Cloud.Control.CreateAutoScalingGroup("pool-nodes", "pool", minSize: 1, maxSize: 10, desiredCapacity: 3, launchImmediately: true);
        var pool = await w.PutAsync(PoolYaml(ignored ? "  ignoreDifferences: [desiredCapacity]" : ""));

        for (var i = 0; i < 40; i++) await w.TickAsync(TimeSpan.FromSeconds(10), pool);

        var group = (await w.Cloud.AutoScaling.DescribeAutoScalingGroupsAsync(["pool-nodes"], default)).Single();
        var reasons = (await w.Store.ListAsync(pool, default)).Select(e => e.Reason).ToList();
        var status = await w.StatusAsync(pool);
        if (ignored)
        {
            Assert.Equal(3, group.DesiredCapacity);
            Assert.Equal(3, group.Instances.Count(i => i.LifecycleState == "InService"));
            Assert.DoesNotContain("Draining", reasons);
            Assert.DoesNotContain("Terminated", reasons);
            Assert.True(status["desiredCapacityIgnored"]?.GetValue<bool>());
            Assert.Equal(1, status.Int("targetInstances")); // the plan is still reported
        }
        else
        {
            Assert.Equal(1, group.DesiredCapacity);
            Assert.Contains("Terminated", reasons);
            Assert.Null(status["desiredCapacityIgnored"]);
        }
    }
}
