using EcsOperator.Core.Aws;
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
        // the sample pool's cluster (app) has no other instances: its group starts with three in service
        Assert.Equal((0, 10, 3), (group.MinSize, group.MaxSize, group.DesiredCapacity));
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

    [Fact]
    public async Task Clusters_named_by_apps_jobs_and_cronjobs_are_created_once_with_default_instances_and_a_pools_cluster_bare()
    {
        using var dir = new TempStateDirectory();
        using var sim = new SimulatedCloudBuilder().WithCluster("default", instances: 1).Build();
        var store = new LocalResourceStore(dir.Paths, sim.Time);
        const string td = "taskDefinition: {containerDefinitions: [{name: app, image: 'nginx:1', memory: 128}]}";
        var docs = new Dictionary<string, string>
        {
            ["App/default/web"] = $"apiVersion: ecs.operator/v1\nkind: App\nmetadata: {{name: web}}\nspec: {{cluster: app, {td}}}\n",
            ["App/default/api"] = $"apiVersion: ecs.operator/v1\nkind: App\nmetadata: {{name: api}}\nspec: {{cluster: default, {td}}}\n",
            ["Job/default/once"] = $"apiVersion: ecs.operator/v1\nkind: Job\nmetadata: {{name: once}}\nspec: {{cluster: batch, {td}}}\n",
            ["CronJob/default/nightly"] = $"apiVersion: ecs.operator/v1\nkind: CronJob\nmetadata: {{name: nightly}}\nspec: {{schedule: '0 3 * * *', jobTemplate: {{spec: {{cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/cron', {td}}}}}}}\n",
            ["CapacityPool/default/nodes"] = "apiVersion: ecs.operator/v1\nkind: CapacityPool\nmetadata: {name: nodes}\nspec: {cluster: pooled, autoScalingGroupName: pooled-nodes}\n",
            ["App/default/on-pool"] = $"apiVersion: ecs.operator/v1\nkind: App\nmetadata: {{name: on-pool}}\nspec: {{cluster: pooled, {td}}}\n",
        };
        foreach (var (pk, text) in docs) await store.PutAsync(ResourceKey.Parse(pk), text, null, CancellationToken.None);
        var infra = new LocalInfrastructure(sim.Cloud, store, sim.Time, NullLogger<LocalInfrastructure>.Instance);

        var created = await infra.EnsureAsync(CancellationToken.None);

        Assert.Equal(
            [
                "cluster pooled (instances come from CapacityPool group pooled-nodes)",
                "Auto Scaling group pooled-nodes (cluster pooled, 3 instance(s) in service)",
                "cluster app (with the default instances, Auto Scaling group app-asg)",
                "cluster batch (with the default instances, Auto Scaling group batch-asg)",
                "cluster cron (with the default instances, Auto Scaling group cron-asg)",
            ], created);
        sim.Advance(TimeSpan.FromSeconds(1));
        // every new cluster has instances at once: the pool's cluster from the pool's own group, which it then sizes
        foreach (var cluster in new[] { "app", "batch", "cron", "pooled" })
        {
            var instances = await sim.Cloud.Ecs.ListContainerInstancesAsync(cluster, null, CancellationToken.None);
            Assert.Equal(3, instances.Count);
        }
        Assert.Empty(await infra.EnsureAsync(CancellationToken.None)); // said once
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Operator.sln"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }
}
