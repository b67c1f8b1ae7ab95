using System.Text.Json.Nodes;
using EcsOperator.Aws.Tests.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.AutoScaling;

[Collection(AwsClientsMotoCollection.Name)]
public sealed class AutoScalingClientTests(MotoServer moto)
{
    private static readonly SemaphoreSlim LaunchConfigurationLock = new(1, 1);
    private static readonly HashSet<string> LaunchConfigurations = [];

    /// <summary>A group of <paramref name="desired"/> instances made with the aws CLI (one shared launch configuration per server).</summary>
    private async Task<string> GroupAsync(int desired)
    {
        const string launchConfiguration = "aws-clients-tests";
        await LaunchConfigurationLock.WaitAsync();
        try
        {
            if (LaunchConfigurations.Add(moto.Endpoint))
            {
                await moto.CliAsync("autoscaling", "create-launch-configuration", "--launch-configuration-name", launchConfiguration,
                    "--image-id", "ami-12c6146b", "--instance-type", "t3.micro");
            }
        }
        finally
        {
            LaunchConfigurationLock.Release();
        }
        var name = AwsClientsMoto.Unique("asg");
        await moto.CliAsync("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", name,
            "--launch-configuration-name", launchConfiguration, "--min-size", "1", "--max-size", "6", "--desired-capacity", desired.ToString(),
            "--availability-zones", moto.Region + "a", moto.Region + "b");
        return name;
    }

    private async Task<JsonObject> CliGroupAsync(string name) =>
        JsonNode.Parse(await moto.CliAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", name))!
            .AsObject().Arr("AutoScalingGroups").Objects().Single();

    [SkippableFact]
    public async Task Describe_set_desired_and_update_sizes_are_seen_by_the_cli()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var name = await GroupAsync(2);

        var group = (await aws.AutoScaling.DescribeAutoScalingGroupsAsync([name, AwsClientsMoto.Unique("absent")], default)).Single();
        Assert.Equal((1, 6, 2), (group.MinSize, group.MaxSize, group.DesiredCapacity));
        Assert.Equal([moto.Region + "a", moto.Region + "b"], group.AvailabilityZones.Order(StringComparer.Ordinal));
        Assert.Equal(2, group.Instances.Count);
        Assert.All(group.Instances, i => Assert.Equal((name, "InService", "Healthy", false), (i.GroupName, i.LifecycleState, i.HealthStatus, i.ProtectedFromScaleIn)));
        Assert.Contains(await aws.AutoScaling.DescribeAutoScalingGroupsAsync([], default), g => g.Name == name);

        await aws.AutoScaling.SetDesiredCapacityAsync(name, 3, honorCooldown: false, default);
        var afterSet = await CliGroupAsync(name);
        Assert.Equal(3, afterSet.Int("DesiredCapacity"));
        Assert.Equal(3, afterSet.Arr("Instances")!.Count);

        await aws.AutoScaling.UpdateAutoScalingGroupAsync(name, minSize: 0, maxSize: 4, desiredCapacity: 1, default);
        var afterUpdate = await CliGroupAsync(name);
        Assert.Equal((0, 4, 1), (afterUpdate.Int("MinSize"), afterUpdate.Int("MaxSize"), afterUpdate.Int("DesiredCapacity")));

        await aws.AutoScaling.UpdateAutoScalingGroupAsync(name, minSize: null, maxSize: 5, desiredCapacity: null, default);
        var onlyMax = (await aws.AutoScaling.DescribeAutoScalingGroupsAsync([name], default)).Single();
        Assert.Equal((0, 5, 1), (onlyMax.MinSize, onlyMax.MaxSize, onlyMax.DesiredCapacity));
    }

    [SkippableFact]
    public async Task Protect_detach_and_terminate_instances()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var name = await GroupAsync(3);
        var ids = (await aws.AutoScaling.DescribeAutoScalingGroupsAsync([name], default)).Single().Instances.Select(i => i.InstanceId).ToList();

        await aws.AutoScaling.SetInstanceProtectionAsync(name, [ids[0]], protectedFromScaleIn: true, default);
        var described = await aws.AutoScaling.DescribeAutoScalingInstancesAsync(ids, default);
        Assert.Equal(ids.Order(StringComparer.Ordinal), described.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.True(described.Single(i => i.InstanceId == ids[0]).ProtectedFromScaleIn);
        Assert.All(described.Where(i => i.InstanceId != ids[0]), i => Assert.False(i.ProtectedFromScaleIn));
        Assert.All(described, i => Assert.Equal(name, i.GroupName));

        await aws.AutoScaling.DetachInstancesAsync(name, [ids[1]], shouldDecrementDesiredCapacity: true, default);
        var afterDetach = (await aws.AutoScaling.DescribeAutoScalingGroupsAsync([name], default)).Single();
        Assert.Equal(2, afterDetach.DesiredCapacity);
        Assert.DoesNotContain(afterDetach.Instances, i => i.InstanceId == ids[1]);

        await aws.AutoScaling.TerminateInstanceInAutoScalingGroupAsync(ids[2], shouldDecrementDesiredCapacity: true, default);
        var afterTerminate = await CliGroupAsync(name);
        Assert.Equal(1, afterTerminate.Int("DesiredCapacity"));
        Assert.Equal([ids[0]], afterTerminate.Arr("Instances").Objects().Select(i => i.Str("InstanceId")!));
    }

    [SkippableFact]
    public async Task Missing_group_is_a_typed_validation_error()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var e = await Assert.ThrowsAsync<AwsApiException>(() =>
            aws.AutoScaling.UpdateAutoScalingGroupAsync(AwsClientsMoto.Unique("absent"), 1, null, null, default));
        Assert.Equal("ValidationError", e.Code);
        Assert.Equal(AwsErrorKind.InvalidParameter, e.Kind);
        Assert.Contains("not found", e.ErrorMessage, StringComparison.Ordinal);
    }
}
