using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Core.Tests.Controller;

public sealed class ServiceSnapshotCacheTests : IDisposable
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly SimulatedCloud cloud;
    private readonly OperatorMetrics metrics = new();
    private readonly MeteredEcsApi ecs;

    public ServiceSnapshotCacheTests()
    {
        cloud = new SimulatedCloud(new SimulatorOptions { ThrottlingEnabled = false, Timings = TaskTimings.Instant }, time);
        cloud.Control.EnsureDefaultCluster(instanceCount: 2);
        ecs = new MeteredEcsApi(cloud.Ecs, metrics);
    }

    public void Dispose() => cloud.Dispose();

    private long Calls(string action) => metrics.AwsCalls.Where(c => c.Key.Action == action).Sum(c => c.Value);

    private async Task CreateServicesAsync(int count)
    {
        var td = await cloud.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, new JsonObject
        {
            ["family"] = "f", ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "a", ["image"] = "x", ["memory"] = 16 }),
        }, default);
        var arn = td["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
        for (var i = 0; i < count; i++)
        {
            await cloud.Ecs.SendAsync(EcsAction.CreateService, new JsonObject
            {
                ["cluster"] = "default", ["serviceName"] = $"s{i:D3}", ["taskDefinition"] = arn, ["desiredCount"] = 0,
            }, default);
        }
    }

    [Fact]
    public async Task One_pass_reads_a_cluster_with_list_pages_and_ten_services_per_describe()
    {
        await CreateServicesAsync(125);
        var cache = new ServiceSnapshotCache(ecs, time, TimeSpan.FromSeconds(5));
        for (var i = 0; i < 125; i++) Assert.NotNull(await cache.GetServiceAsync("default", $"s{i:D3}", default));
        Assert.Null(await cache.GetServiceAsync("default", "missing", default));
        Assert.Equal(2, Calls(EcsAction.ListServices));
        Assert.Equal(13, Calls(EcsAction.DescribeServices));

        cache.Invalidate("default", "s007");
        await cache.GetServiceAsync("default", "s007", default);
        await cache.GetServiceAsync("default", "s008", default);
        Assert.Equal(14, Calls(EcsAction.DescribeServices));

        time.Advance(TimeSpan.FromSeconds(6));
        await cache.GetServiceAsync("default", "s007", default);
        Assert.Equal(4, Calls(EcsAction.ListServices));
        Assert.Equal(27, Calls(EcsAction.DescribeServices));
    }
}
