using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Local;
using EcsOperator.TestUtilities.Contracts;
using EcsOperator.TestUtilities.Simulation;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Tests.Local;

public sealed class LocalInfrastructureTests
{
    [Fact]
    public async Task The_samples_pool_group_and_policy_alarms_are_created_once_and_existing_ones_left_alone()
    {
        using var dir = new TempStateDirectory();
        using var sim = new SimulatedCloudBuilder().WithCluster("default", instances: 1).Build();
        var store = new LocalResourceStore(dir.Paths, sim.Time);
        sim.Control.SetAlarmState("ECS [app-production] CPUUtilization", "ALARM");
        foreach (var file in new[] { "samples/capacity/ecs-cluster-nodes.yaml", "samples/scaling/web.yaml" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), file));
            var doc = Assert.Single(Core.Manifests.ManifestParser.Parse(text, file).Documents);
            await store.PutAsync(doc.Key, text, null, CancellationToken.None);
        }
        var infra = new LocalInfrastructure(sim.Cloud, store, sim.Time, NullLogger<LocalInfrastructure>.Instance);

        var created = await infra.EnsureAsync(CancellationToken.None);

        Assert.Contains(created, c => c.StartsWith("Auto Scaling group ecs-cluster-nodes", StringComparison.Ordinal));
        var group = Assert.Single(await sim.Cloud.AutoScaling.DescribeAutoScalingGroupsAsync(["ecs-cluster-nodes"], CancellationToken.None));
        Assert.Equal((0, 10, 0), (group.MinSize, group.MaxSize, group.DesiredCapacity));
        var alarms = await sim.Cloud.Alarms.DescribeAlarmsAsync(
            ["ECS [app-production] CPUUtilization", "ECS [app-production] CPUUtilization (low)"], CancellationToken.None);
        Assert.Equal("ALARM", alarms.Single(a => a.AlarmName == "ECS [app-production] CPUUtilization").StateValue); // untouched
        Assert.Equal("OK", alarms.Single(a => a.AlarmName.EndsWith("(low)", StringComparison.Ordinal)).StateValue);
        Assert.Empty(await infra.EnsureAsync(CancellationToken.None)); // nothing more to create
    }

    [Fact]
    public async Task An_invalid_pool_document_is_skipped_not_crashed_on()
    {
        using var dir = new TempStateDirectory();
        using var sim = new SimulatedCloudBuilder().WithCluster("default").Build();
        var store = new LocalResourceStore(dir.Paths, sim.Time);
        await store.PutAsync(ResourceKey.Parse("CapacityPool/default/broken"), "apiVersion: ecs.operator/v1\nkind: CapacityPool\nspec: [", null, CancellationToken.None);
        var infra = new LocalInfrastructure(sim.Cloud, store, sim.Time, NullLogger<LocalInfrastructure>.Instance);
        Assert.Empty(await infra.EnsureAsync(CancellationToken.None));
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Operator.sln"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }
}
