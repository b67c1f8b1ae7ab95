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

    public async Task<IReadOnlyList<AlarmInfo>> DescribeAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken ct)
    {
        var alarms = new List<AlarmInfo>();
        foreach (var chunk in alarmNames.Distinct(StringComparer.Ordinal).Chunk(NamesPerCall))
        {
            string? token = null;
            do
            {
                var p = new QueryParameters().AddList("AlarmNames", chunk)
                    .AddList("AlarmTypes", ["MetricAlarm", "CompositeAlarm"]).Add("MaxRecords", NamesPerCall);
                if (token is not null) p.Add("NextToken", token);
                var result = await _calls.CallAsync("DescribeAlarms", p, ct);
                alarms.AddRange(result.Members("MetricAlarms").Concat(result.Members("CompositeAlarms")).Select(Read));
                token = result.NextToken();
            }
            while (token is not null);
        }
        return alarms;
    }

    private static AlarmInfo Read(XElement a) => new(
        a.Str("AlarmName") ?? "",
        a.Str("StateValue") ?? "INSUFFICIENT_DATA",
        a.Str("StateReason"),
        a.Time("StateUpdatedTimestamp") ?? a.Time("AlarmConfigurationUpdatedTimestamp") ?? DateTimeOffset.UnixEpoch);
}
