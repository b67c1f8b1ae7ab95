using System.Text.Json.Nodes;
using Amazon.Runtime;
using EcsOperator.Aws;
using EcsOperator.Aws.Resilience;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Capacity;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Scaling;
using EcsOperator.TestUtilities.Conformance;
using EcsOperator.TestUtilities.Moto;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Tests.Scaling;

/// <summary>The scaling reconcilers' alarm, ECS and Auto Scaling calls through the wire clients against moto's state.</summary>
[Collection(ScalingMotoCollection.Name)]
public sealed class ScalingMotoTests(MotoServer moto)
{
    private AwsClientSet Clients() => AwsClients.Create(new AwsConnection(moto.Region, null, moto.Endpoint), TimeProvider.System,
        new AwsClientOptions { Credentials = new BasicAWSCredentials("testing", "testing"), WrapHandler = inner => new WireConformanceHandler(inner) });

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private async Task<string> CliAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await moto.AwsCliAsync(args);
        Assert.True(exit == 0, $"aws {string.Join(' ', args)} failed ({exit}): {stderr}");
        return stdout;
    }

    private Task AlarmAsync(string name, string state) => CliAsync("cloudwatch", "put-metric-alarm", "--alarm-name", name,
            "--metric-name", "CPUUtilization", "--namespace", "AWS/ECS", "--statistic", "Average", "--period", "60",
            "--evaluation-periods", "1", "--threshold", "70", "--comparison-operator", "GreaterThanThreshold")
        .ContinueWith(_ => CliAsync("cloudwatch", "set-alarm-state", "--alarm-name", name, "--state-value", state, "--state-reason", "test"),
            TaskScheduler.Default).Unwrap();

    [SkippableFact]
    public async Task A_policy_reads_moto_alarms_and_updates_the_moto_service()
    {
        moto.SkipIfUnavailable();
        using var aws = Clients();
        using var w = new ScalingWorld(DateTimeOffset.UtcNow);
        var cluster = Unique("scale");
        var high = Unique("high");
        await aws.Ecs.SendAsync(EcsAction.CreateCluster, new JsonObject { ["clusterName"] = cluster }, default);
        await aws.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, ScalingWorld.TaskDefinition("web", 256, 512), default);
        await aws.Ecs.SendAsync(EcsAction.CreateService, new JsonObject
        {
            ["cluster"] = cluster, ["serviceName"] = "web", ["taskDefinition"] = "web", ["desiredCount"] = 2,
            ["tags"] = new JsonArray(
                new JsonObject { ["key"] = OperatorTags.Managed, ["value"] = "true" },
                new JsonObject { ["key"] = OperatorTags.Owner, ["value"] = "App/default/web" }),
        }, default);
        await AlarmAsync(high, "ALARM");
        await w.PutAsync(ScalingWorld.AppYaml("web", cluster, 256, 512));
        var key = await w.PutAsync($$"""
            apiVersion: ecs.operator/v1
            kind: ScalePolicy
            metadata: {name: web}
            spec:
              targetRef: web
              minTaskCount: 1
              maxTaskCount: 5
              idleTimeSeconds: 0
              upscaleTriggers: [{alarmName: {{high}}, step: 2}]
              downscaleTriggers: [{alarmName: {{high}}-low-missing}]
            """);
        var catalog = new ScalePolicyCatalog(w.Store);
        var policies = new ScalePolicyReconciler(w.Store, w.Store, aws.Ecs,
            new AlarmStateCache(aws.Alarms, catalog.AlarmNamesAsync, w.Time, TimeSpan.FromSeconds(15)),
            new ServiceSnapshotCache(aws.Ecs, w.Time, TimeSpan.FromSeconds(15)), null, w.Options, w.Time,
            NullLogger<ScalePolicyReconciler>.Instance, catalog);

        // One alarm of the policy is missing in CloudWatch: held, and said so.
        await policies.ReconcileAsync(key, default);
        var active = StatusConditions.Get(await w.StatusAsync(key), ScaleConditions.ScalingActive);
        Assert.Equal(ScaleConditions.AlarmNotFound, active.Str("reason"));
        Assert.Equal(2, await DesiredAsync(aws, cluster));

        await AlarmAsync(high + "-low-missing", "OK");
        w.Time.Advance(TimeSpan.FromSeconds(20));
        await policies.ReconcileAsync(key, default);
        Assert.Equal(4, await DesiredAsync(aws, cluster));
        Assert.Equal("True", StatusConditions.Get(await w.StatusAsync(key), ScaleConditions.ScalingActive).Str("status"));
    }

    [SkippableFact]
    public async Task A_pool_grows_the_moto_group_and_replaces_instances_that_never_registered()
    {
        moto.SkipIfUnavailable();
        using var aws = Clients();
        using var w = new ScalingWorld(DateTimeOffset.UtcNow, options: new ScalingOptions { RegistrationGrace = TimeSpan.FromMinutes(5) });
        var cluster = Unique("pool");
        var group = Unique("asg");
        await aws.Ecs.SendAsync(EcsAction.CreateCluster, new JsonObject { ["clusterName"] = cluster }, default);
        await CliAsync("autoscaling", "create-launch-configuration", "--launch-configuration-name", group,
            "--image-id", "ami-12c6146b", "--instance-type", "t3.micro");
        await CliAsync("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", group, "--launch-configuration-name", group,
            "--min-size", "1", "--max-size", "6", "--desired-capacity", "2", "--availability-zones", moto.Region + "a", moto.Region + "b");
        var key = await w.PutAsync($$"""
            apiVersion: ecs.operator/v1
            kind: CapacityPool
            metadata: {name: nodes}
            spec:
              cluster: {{cluster}}
              autoScalingGroupName: {{group}}
              buffer: 3
            """);
        var pools = new CapacityPoolReconciler(w.Store, w.Store, aws.Ecs, aws.AutoScaling, new ScalePolicyCatalog(w.Store),
            new ServiceSnapshotCache(aws.Ecs, w.Time, TimeSpan.FromSeconds(15)), w.Options, w.Time, NullLogger<CapacityPoolReconciler>.Instance);

        await pools.ReconcileAsync(key, default);
        var first = (await aws.AutoScaling.DescribeAutoScalingGroupsAsync([group], default)).Single();
        Assert.Equal(3, first.DesiredCapacity); // no task yet: the buffer alone
        var status = await w.StatusAsync(key);
        Assert.Equal(2, status.Arr("unregistered")!.Count); // moto's instances never join the ECS cluster
        Assert.False(status.Bool("ready"));

        w.Time.Advance(TimeSpan.FromMinutes(6));
        var before = status.Arr("unregistered").Strings().ToHashSet(); // seen at the first pass; the third launched after it
        await pools.ReconcileAsync(key, default);
        var after = (await aws.AutoScaling.DescribeAutoScalingGroupsAsync([group], default)).Single();
        Assert.Equal(3, after.DesiredCapacity);
        Assert.DoesNotContain(after.Instances, i => before.Contains(i.InstanceId) && i.LifecycleState == "InService");
        Assert.Contains(await w.Store.ListAsync(key, default), e => e.Reason == "UnregisteredInstance");
    }

    private static async Task<int?> DesiredAsync(AwsClientSet aws, string cluster) =>
        (await aws.Ecs.DescribeServicesAsync(cluster, ["web"], default)).Services.Single().Int("desiredCount");
}
