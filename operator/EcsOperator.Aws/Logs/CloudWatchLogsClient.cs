using System.Text.Json.Nodes;
using EcsOperator.Aws.Resilience;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Aws.Logs;

/// <summary>CloudWatch Logs over AWS JSON 1.1 (<c>Logs_20140328</c>): GetLogEvents and FilterLogEvents.</summary>
public sealed class CloudWatchLogsClient : ILogsApi
{
    internal const string TargetPrefix = "Logs_20140328";
    private readonly PacedProtocol<JsonObject, JsonObject> _calls;

    internal CloudWatchLogsClient(AwsWireClient wire, AwsCallRunner runner) =>
        _calls = new(new JsonProtocol(wire, TargetPrefix), runner, AwsApiGroup.Logs);

    public async Task<LogEventsPage> GetLogEventsAsync(string logGroupName, string logStreamName, string? nextToken, bool startFromHead, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["logGroupName"] = logGroupName,
            ["logStreamName"] = logStreamName,
            ["startFromHead"] = startFromHead,
        };
        if (!string.IsNullOrEmpty(nextToken)) request["nextToken"] = nextToken;
        var response = await _calls.CallAsync("GetLogEvents", request, ct);
        return new LogEventsPage(ReadEvents(response, logStreamName), response.Str("nextForwardToken"));
    }

    public async Task<LogEventsPage> FilterLogEventsAsync(string logGroupName, string? logStreamNamePrefix, DateTimeOffset? startTime, string? nextToken, CancellationToken ct)
    {
        var request = new JsonObject { ["logGroupName"] = logGroupName };
        if (!string.IsNullOrEmpty(logStreamNamePrefix)) request["logStreamNamePrefix"] = logStreamNamePrefix;
        if (startTime is { } start) request["startTime"] = start.ToUnixTimeMilliseconds();
        if (!string.IsNullOrEmpty(nextToken)) request["nextToken"] = nextToken;
        var response = await _calls.CallAsync("FilterLogEvents", request, ct);
        var token = response.Str("nextToken");
        return new LogEventsPage(ReadEvents(response, null), string.IsNullOrEmpty(token) ? null : token);
    }

    private static List<LogEvent> ReadEvents(JsonObject response, string? streamName) =>
        response.Arr("events").Objects()
            .Select(e => new LogEvent(
                DateTimeOffset.FromUnixTimeMilliseconds(e.Long("timestamp") ?? 0),
                e.Str("message") ?? "",
                e.Str("logStreamName") ?? streamName))
            .ToList();
}
