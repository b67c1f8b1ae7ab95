using System.Text.Json.Nodes;
using EcsOperator.Aws.Resilience;
using EcsOperator.Aws.Tests.Contracts;
using EcsOperator.Core.Aws;
using EcsOperator.TestUtilities.Conformance;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Wire;

/// <summary>What the typed Auto Scaling, CloudWatch and Logs clients and the ECS client put on the wire fits the AWS API model.</summary>
[Collection(AwsClientsMotoCollection.Name)]
public sealed class WireConformanceTests(MotoServer moto)
{
    [SkippableFact]
    public async Task Every_port_call_puts_a_request_on_the_wire_that_fits_its_actions_input_shape()
    {
        moto.SkipIfUnavailable();
        WireConformanceHandler? handler = null;
        using var aws = AwsClientsMoto.Create(moto,
            new AwsClientOptions { WrapHandler = inner => handler = new WireConformanceHandler(inner) }, checkConformance: false);
        var group = AwsClientsMoto.Unique("conform");
        var alarm = AwsClientsMoto.Unique("alarm");
        var logs = AwsClientsMoto.Unique("logs");
        await MotoContractSetup.CreateAutoScalingGroupAsync(moto, group, 0, 4, 1);
        await MotoContractSetup.SetAlarmStateAsync(moto, alarm, "ALARM", "test");
        await MotoContractSetup.PutLogEventsAsync(moto, logs, "app/app/1", ["hello"]);

        var groups = await aws.AutoScaling.DescribeAutoScalingGroupsAsync([group], default);
        var instance = groups.Single().Instances.Single().InstanceId;
        await aws.AutoScaling.UpdateAutoScalingGroupAsync(group, 0, 5, 2, default);
        await aws.AutoScaling.SetDesiredCapacityAsync(group, 1, honorCooldown: false, default);
        await aws.AutoScaling.SetInstanceProtectionAsync(group, [instance], protectedFromScaleIn: true, default);
        await aws.AutoScaling.DescribeAutoScalingInstancesAsync([instance], default);
        await aws.AutoScaling.SetInstanceProtectionAsync(group, [instance], protectedFromScaleIn: false, default);
        await aws.AutoScaling.DetachInstancesAsync(group, [instance], shouldDecrementDesiredCapacity: true, default);
        await aws.Alarms.DescribeAlarmsAsync([alarm], default);
        await aws.Logs.GetLogEventsAsync(logs, "app/app/1", null, startFromHead: true, default);
        await aws.Logs.FilterLogEventsAsync(logs, "app/", DateTimeOffset.UnixEpoch, null, default);
        await aws.Ecs.SendAsync(EcsAction.DescribeClusters, new JsonObject { ["clusters"] = new JsonArray("default") }, default);

        Assert.NotNull(handler);
        Assert.Equal(
        [
            ("autoscaling", "DescribeAutoScalingGroups"), ("autoscaling", "UpdateAutoScalingGroup"), ("autoscaling", "SetDesiredCapacity"),
            ("autoscaling", "SetInstanceProtection"), ("autoscaling", "DescribeAutoScalingInstances"), ("autoscaling", "SetInstanceProtection"),
            ("autoscaling", "DetachInstances"), ("cloudwatch", "DescribeAlarms"), ("logs", "GetLogEvents"), ("logs", "FilterLogEvents"),
            ("ecs", "DescribeClusters"),
        ], handler!.Checked);
    }
}
