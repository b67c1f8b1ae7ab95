using System.Text.Json.Nodes;
using EcsOperator.Backends;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Events;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Hosting;
using EcsOperator.Tests.EndToEnd;
using EcsOperator.TestUtilities.Contracts;

namespace EcsOperator.Tests.Events;

/// <summary>
/// A rebalance recommendation drains a pool instance only when the pool says <c>spotRebalance: Drain</c>; otherwise the
/// pool records that it left it. A drained instance shows in the pool's <c>status.spotDrains</c>. In a simulated cloud the
/// <c>simulator.ecs.operator/spot-interruption</c> annotation issues the warning itself.
/// </summary>
public sealed class SpotRebalanceTests
{
    private static string Pool(string name, string group, string extra = "") => $$"""
        apiVersion: ecs.operator/v1
        kind: CapacityPool
        metadata: {name: {{name}}{{extra}}}
        spec: {cluster: default, autoScalingGroupName: {{group}}, scaleIn: Disabled, spotRebalance: Drain}
        """;

    private static string Rebalance(string instanceId) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = "EC2 Instance Rebalance Recommendation",
        ["source"] = "aws.ec2",
        ["time"] = "2026-12-01T09:00:00Z",
        ["resources"] = new JsonArray($"arn:aws:ec2:us-east-1:123456789012:instance/{instanceId}"),
        ["detail"] = new JsonObject { ["instance-id"] = instanceId },
    }.ToJsonString();

    private static (OperatorWorld World, LocalJobQueue Events, TempStateDirectory Dir) World()
    {
        var world = new OperatorWorld();
        var dir = new TempStateDirectory();
        return (world, new LocalJobQueue(dir.Paths, world.Time), dir);
    }

    private static async Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync(OperatorWorld world, LocalJobQueue events)
    {
        var backends = new OperatorBackends(world.Store, world.Store, world.Store, null, world.Cloud.Ecs, world.Cloud.AutoScaling, world.Cloud.Alarms, world.Cloud.Logs)
        {
            EventsQueue = events,
            Cloud = world.Cloud,
        };
        var settings = new OperatorSettings { MetricsPort = 0 };
        settings.Apps.Clusters.Add("default");
        var host = OperatorHost.Build(backends, settings, world.Time, logging: _ => { });
        await host.StartAsync();
        await world.WaitAsync(() => Task.FromResult(OperatorWorld.IsLeader(host)), "leadership");
        return host;
    }

    [Fact]
    public async Task A_rebalance_recommendation_drains_only_where_the_pool_says_so_and_status_lists_the_drain()
    {
        var (world, events, dir) = World();
        await using var _ = world;
        using var __ = dir;
        var draining = new ResourceKey(ResourceKind.CapacityPool, "default", "nodes");
        await world.Store.PutAsync(draining, Pool("nodes", "default-asg"), null, default);
        await using var host = await StartAsync(world, events);

        var victim = (await world.Cloud.AutoScaling.DescribeAutoScalingGroupsAsync(["default-asg"], default)).Single()
            .Instances.First(i => i.LifecycleState == "InService").InstanceId;
        await events.SendAsync(Rebalance(victim), null, default);
        await world.WaitAsync(async () => (await ContainerInstanceAsync(world, victim))?.Str("status") == "DRAINING", "the recommended instance to drain");
        await world.WaitAsync(async () => (await world.Store.GetAsync(draining, default))?.Status.Arr("spotDrains").Objects()
            .Any(d => d.Str("instanceId") == victim && d.Str("warning") == "RebalanceRecommendation") == true, "status.spotDrains");

        // the same pool told to ignore recommendations leaves the next instance alone and says so
        await world.Store.PutAsync(draining, Pool("nodes", "default-asg").Replace("spotRebalance: Drain", "spotRebalance: Ignore", StringComparison.Ordinal),
            (await world.Store.GetAsync(draining, default))!.Version, default);
        await world.WaitAsync(() => Task.FromResult(host.Services.GetService(typeof(Core.Controller.ResourceInformer)) is Core.Controller.ResourceInformer i
            && i.Get(draining)?.Manifest.Contains("Ignore", StringComparison.Ordinal) == true), "the informer to see the change");
        var spared = (await world.Cloud.AutoScaling.DescribeAutoScalingGroupsAsync(["default-asg"], default)).Single()
            .Instances.First(i => i.LifecycleState == "InService" && i.InstanceId != victim).InstanceId;
        await events.SendAsync(Rebalance(spared), null, default);
        await world.WaitAsync(async () => (await world.Store.ListAsync(draining, default))
            .Any(e => e.Reason == SpotDrainer.RebalanceIgnoredReason && e.Message.Contains(spared, StringComparison.Ordinal)), "the ignored recommendation");
        Assert.Equal("ACTIVE", (await ContainerInstanceAsync(world, spared))!.Str("status"));
        await host.StopAsync();
    }

    [Fact]
    public async Task The_spot_interruption_annotation_issues_a_warning_the_operator_drains_for()
    {
        var (world, events, dir) = World();
        await using var _ = world;
        using var __ = dir;
        world.Cloud.EmitEvents(body => events.SendAsync(body, null, CancellationToken.None).GetAwaiter().GetResult());
        var pool = new ResourceKey(ResourceKind.CapacityPool, "default", "nodes");
        await world.Store.PutAsync(pool, Pool("nodes", "default-asg", ", annotations: {simulator.ecs.operator/spot-interruption: any}"), null, default);
        await using var host = await StartAsync(world, events);

        await world.WaitAsync(async () => (await world.Store.ListAsync(pool, default)).Any(e => e.Reason == SpotDrainer.Reason), "the SpotDrain event");
        var id = SpotDrainer.InstanceOf((await world.Store.ListAsync(pool, default)).First(e => e.Reason == SpotDrainer.Reason).Message)!;
        Assert.Equal("DRAINING", (await ContainerInstanceAsync(world, id))!.Str("status"));
        await host.StopAsync();
    }

    private static async Task<JsonObject?> ContainerInstanceAsync(OperatorWorld world, string ec2InstanceId)
    {
        var arns = await world.Cloud.Ecs.ListContainerInstancesAsync("default", null, default);
        var all = await world.Cloud.Ecs.DescribeContainerInstancesAsync("default", arns, default);
        return all.FirstOrDefault(i => i.Str("ec2InstanceId") == ec2InstanceId);
    }
}
