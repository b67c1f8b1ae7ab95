using System.Text.Json.Nodes;
using EcsOperator.Backends;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Events;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Hosting;
using EcsOperator.Simulator;
using EcsOperator.Tests.EndToEnd;
using EcsOperator.TestUtilities.Contracts;

namespace EcsOperator.Tests.Events;

/// <summary>
/// A Spot interruption warning issued by the simulator and put on a local events queue reaches the operator host, which
/// drains the CapacityPool's instance at once, gets a replacement launched ahead of the loss and records SpotDrain; two
/// minutes later the simulator reclaims the instance.
/// </summary>
public sealed class SpotInterruptionTests
{
    [Fact]
    public async Task A_spot_warning_drains_the_pool_instance_within_seconds_and_a_replacement_launches_before_the_reclaim()
    {
        await using var world = new OperatorWorld();
        using var eventsDir = new TempStateDirectory();
        var events = new LocalJobQueue(eventsDir.Paths, world.Time);
        var pool = new ResourceKey(ResourceKind.CapacityPool, "default", "nodes");
        await world.Store.PutAsync(pool, """
            apiVersion: ecs.operator/v1
            kind: CapacityPool
            metadata: {name: nodes}
            spec: {cluster: default, autoScalingGroupName: default-asg, scaleIn: Disabled}
            """, null, default);
        var backends = new OperatorBackends(world.Store, world.Store, world.Store, null, world.Cloud.Ecs, world.Cloud.AutoScaling, world.Cloud.Alarms, world.Cloud.Logs)
        {
            EventsQueue = events,
        };
        var settings = new OperatorSettings { MetricsPort = 0 };
        settings.Apps.Clusters.Add("default");
        await using var host = OperatorHost.Build(backends, settings, world.Time, logging: _ => { });
        await host.StartAsync();
        await world.WaitAsync(() => Task.FromResult(OperatorWorld.IsLeader(host)), "leadership");

        var group = (await world.Cloud.AutoScaling.DescribeAutoScalingGroupsAsync(["default-asg"], default)).Single();
        var victim = group.Instances.First(i => i.LifecycleState == "InService").InstanceId;
        var warned = world.Time.GetUtcNow();
        await events.SendAsync(world.Cloud.Control.InterruptSpotInstance(victim), null, default);

        JsonObject? drained = null;
        await world.WaitAsync(async () => (drained = await ContainerInstanceAsync(world, victim)) is { } ci && ci.Str("status") == "DRAINING",
            "the warned instance to be DRAINING");
        var latency = world.Time.GetUtcNow() - warned;
        Assert.True(latency < TimeSpan.FromSeconds(5), $"DRAINING {latency.TotalSeconds:0.0} s after the warning");

        await world.WaitAsync(async () => (await world.Store.ListAsync(pool, default))
            .Any(e => e.Reason == SpotDrainer.Reason && e.Message.Contains(victim, StringComparison.Ordinal)), "the SpotDrain event");
        var after = (await world.Cloud.AutoScaling.DescribeAutoScalingGroupsAsync(["default-asg"], default)).Single();
        Assert.DoesNotContain(after.Instances, i => i.InstanceId == victim);
        Assert.Equal(group.DesiredCapacity, after.DesiredCapacity); // the group replaces it now

        // a duplicate warning changes nothing
        await events.SendAsync(world.Cloud.Control.InterruptSpotInstance(victim), null, default);
        var stats = host.Services.GetService(typeof(EventIntakeStats)) as EventIntakeStats;
        await world.WaitAsync(() => Task.FromResult(stats!.RoutedTotal >= 2), "the duplicate to be handled");
        Assert.Equal("DRAINING", (await ContainerInstanceAsync(world, victim))!.Str("status"));

        // two minutes after the warning the instance is reclaimed
        await world.WaitAsync(async () => await ContainerInstanceAsync(world, victim) is null, "the reclaim", seconds: 60);
        Assert.True(world.Time.GetUtcNow() - warned >= SimulatorControl.SpotNotice);
        await host.StopAsync();
    }

    private static async Task<JsonObject?> ContainerInstanceAsync(OperatorWorld world, string ec2InstanceId)
    {
        var arns = await world.Cloud.Ecs.ListContainerInstancesAsync("default", null, default);
        var all = await world.Cloud.Ecs.DescribeContainerInstancesAsync("default", arns, default);
        return all.FirstOrDefault(i => i.Str("ec2InstanceId") == ec2InstanceId);
    }
}
