namespace EcsOperator.Core.Aws;

/// <summary>CloudWatch Logs (AWS JSON 1.1 on the wire), read-only.</summary>
public interface ILogsApi
{
    /// <summary>One page of a stream's events. <paramref name="nextToken"/> is the forward token of the previous page.</summary>
    Task<LogEventsPage> GetLogEventsAsync(string logGroupName, string logStreamName, string? nextToken, bool startFromHead, CancellationToken ct);

    /// <summary>One page of events across streams (optionally only those with <paramref name="logStreamNamePrefix"/>).</summary>
    Task<LogEventsPage> FilterLogEventsAsync(string logGroupName, string? logStreamNamePrefix, DateTimeOffset? startTime, string? nextToken, CancellationToken ct);
}

public sealed record LogEvent(DateTimeOffset Timestamp, string Message, string? LogStreamName = null);

/// <param name="NextToken">Token for the next page; for GetLogEvents the forward token (equal to the one passed when no new events).</param>
public sealed record LogEventsPage(IReadOnlyList<LogEvent> Events, string? NextToken);
