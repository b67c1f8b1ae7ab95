using EcsOperator.Core.Aws;

namespace Ecsctl.Commands;

/// <summary>
/// Reads CloudWatch Logs streams forward, remembering per stream where the last read ended, so that every call returns
/// only what is new (the log followers of Jobs and Apps both read this way). A stream not written yet reads as empty.
/// </summary>
internal sealed class LogStreamCursor(ILogsApi logs)
{
    private readonly Dictionary<string, string?> tokens = new(StringComparer.Ordinal);

    /// <summary>The events written to the stream since the previous call for it, in the stream's order.</summary>
    public async Task<IReadOnlyList<LogEvent>> ReadNewAsync(string group, string stream, CancellationToken ct)
    {
        var key = group + "\n" + stream;
        tokens.TryGetValue(key, out var token);
        var events = new List<LogEvent>();
        while (true)
        {
            LogEventsPage page;
            try
            {
                page = await logs.GetLogEventsAsync(group, stream, token, startFromHead: true, ct);
            }
            catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                break; // nothing written yet
            }
            events.AddRange(page.Events);
            // the forward token repeats once the end of the stream is reached
            var done = page.NextToken is null || page.NextToken == token || page.Events.Count == 0;
            token = page.NextToken ?? token;
            if (done) break;
        }
        tokens[key] = token;
        return events;
    }
}
