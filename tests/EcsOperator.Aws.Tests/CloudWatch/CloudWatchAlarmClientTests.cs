using EcsOperator.Aws.Tests.Wire;
using EcsOperator.Aws.Wire;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.CloudWatch;

[Collection(AwsClientsMotoCollection.Name)]
public sealed class CloudWatchAlarmClientTests(MotoServer moto)
{
    private async Task PutAlarmAsync(string name, string state)
    {
        await MotoWire.QueryAsync(moto, AwsServiceDescriptor.CloudWatch, "2010-08-01", "PutMetricAlarm", new QueryParameters()
            .Add("AlarmName", name).Add("MetricName", "CPUUtilization").Add("Namespace", "AWS/ECS").Add("Statistic", "Average")
            .Add("Period", 60).Add("EvaluationPeriods", 1).Add("Threshold", "70").Add("ComparisonOperator", "GreaterThanThreshold"));
        await MotoWire.QueryAsync(moto, AwsServiceDescriptor.CloudWatch, "2010-08-01", "SetAlarmState",
            new QueryParameters().Add("AlarmName", name).Add("StateValue", state).Add("StateReason", "set by test"));
    }

    [SkippableFact]
    public async Task Alarm_state_set_with_the_cli_is_read_back()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var name = AwsClientsMoto.Unique("alarm");
        await moto.CliAsync("cloudwatch", "put-metric-alarm", "--alarm-name", name, "--metric-name", "CPUUtilization", "--namespace", "AWS/ECS",
            "--statistic", "Average", "--period", "60", "--evaluation-periods", "1", "--threshold", "70", "--comparison-operator", "GreaterThanThreshold");
        await moto.CliAsync("cloudwatch", "set-alarm-state", "--alarm-name", name, "--state-value", "ALARM", "--state-reason", "queue is deep");

        var alarm = (await aws.Alarms.DescribeAlarmsAsync([name, AwsClientsMoto.Unique("absent")], default)).Single();
        Assert.Equal((name, "ALARM", "queue is deep"), (alarm.AlarmName, alarm.StateValue, alarm.StateReason));
        Assert.True(alarm.StateUpdatedAt > DateTimeOffset.UtcNow.AddHours(-1) && alarm.StateUpdatedAt < DateTimeOffset.UtcNow.AddHours(1),
            $"state time {alarm.StateUpdatedAt:O} is not recent");
    }

    [SkippableFact]
    public async Task More_than_a_hundred_names_are_described_in_batches()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var prefix = AwsClientsMoto.Unique("bulk");
        var names = Enumerable.Range(0, 130).Select(i => $"{prefix}-{i:000}").ToList();
        await Task.WhenAll(names.Select((n, i) => PutAlarmAsync(n, i % 3 == 0 ? "ALARM" : i % 3 == 1 ? "OK" : "INSUFFICIENT_DATA")));

        var alarms = await aws.Alarms.DescribeAlarmsAsync([.. names, .. names.Take(5)], default);
        Assert.Equal(names, alarms.Select(a => a.AlarmName).Order(StringComparer.Ordinal));
        var states = alarms.ToDictionary(a => a.AlarmName, a => a.StateValue);
        Assert.Equal("ALARM", states[names[0]]);
        Assert.Equal("OK", states[names[1]]);
        Assert.Equal("INSUFFICIENT_DATA", states[names[2]]);
        Assert.Empty(await aws.Alarms.DescribeAlarmsAsync([], default));
    }
}
