using System.Xml.Linq;
using EcsOperator.Aws.Resilience;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.CloudWatch;

/// <summary>CloudWatch alarms over the Query protocol (API version 2010-08-01): DescribeAlarms by name, metric and composite.</summary>
public sealed class CloudWatchAlarmClient : IAlarmApi
{
    internal const string ApiVersion = "2010-08-01";
    private const int NamesPerCall = 100;
    private readonly PacedProtocol<QueryParameters, XElement> _calls;

    internal CloudWatchAlarmClient(AwsWireClient wire, AwsCallRunner runner) =>
        _calls = new(new QueryProtocol(wire, ApiVersion), runner, AwsApiGroup.CloudWatch);

    public async Task<IReadOnlyList<AlarmInfo>> DescribeAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken ct) =>
        await _calls.DescribeAllAsync("DescribeAlarms", alarmNames.Distinct(StringComparer.Ordinal).Chunk(NamesPerCall),
            chunk => new QueryParameters().AddList("AlarmNames", chunk)
                .AddList("AlarmTypes", ["MetricAlarm", "CompositeAlarm"]).Add("MaxRecords", NamesPerCall),
            result => result.Members("MetricAlarms").Concat(result.Members("CompositeAlarms")).Select(Read), ct);

    private static AlarmInfo Read(XElement a) => new(
        a.Str("AlarmName") ?? "",
        a.Str("StateValue") ?? "INSUFFICIENT_DATA",
        a.Str("StateReason"),
        a.Time("StateUpdatedTimestamp") ?? a.Time("AlarmConfigurationUpdatedTimestamp") ?? DateTimeOffset.UnixEpoch);
}
