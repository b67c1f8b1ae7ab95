using System.Globalization;
using System.Text;
using System.Text.Json;
using EcsOperator.Core.Aws;

namespace EcsOperator.Simulator.Logs;

/// <summary>
/// Log groups and streams. In memory, or — with a directory — one append-only file per stream
/// (<c>logs/&lt;escaped group&gt;/&lt;escaped stream&gt;.jsonl</c>, one <c>{"t":ms,"m":"..."}</c> per line), so another process
/// (ecsctl, through <see cref="SimulatedLogsReader"/>) reads the same events.
/// </summary>
internal sealed class LogStore(string? directory)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<string, List<LogEvent>>> _memory = new(StringComparer.Ordinal);

    public string? Root { get; } = directory is null ? null : Path.Combine(directory, "logs");

    public void Append(string group, string stream, IEnumerable<LogEvent> events)
    {
        lock (_gate)
        {
            if (Root is null)
            {
                if (!_memory.TryGetValue(group, out var streams)) _memory[group] = streams = new(StringComparer.Ordinal);
                if (!streams.TryGetValue(stream, out var list)) streams[stream] = list = [];
                list.AddRange(events.Select(e => e with { LogStreamName = stream }));
                return;
            }
            var dir = Path.Combine(Root, Escape(group));
            Directory.CreateDirectory(dir);
            var sb = new StringBuilder();
            foreach (var e in events)
            {
                sb.Append(JsonSerializer.Serialize(new StoredEvent(e.Timestamp.ToUnixTimeMilliseconds(), e.Message), LogJson.Default.StoredEvent)).Append('\n');
            }
            File.AppendAllText(Path.Combine(dir, Escape(stream) + ".jsonl"), sb.ToString());
        }
    }

    public bool GroupExists(string group)
    {
        lock (_gate) return Root is null ? _memory.ContainsKey(group) : Directory.Exists(Path.Combine(Root, Escape(group)));
    }

    /// <summary>Stream names of a group (sorted), or null when the group does not exist.</summary>
    public IReadOnlyList<string>? Streams(string group)
    {
        lock (_gate)
        {
            if (Root is null) return _memory.TryGetValue(group, out var s) ? s.Keys.Order(StringComparer.Ordinal).ToList() : null;
            var dir = Path.Combine(Root, Escape(group));
            if (!Directory.Exists(dir)) return null;
            return Directory.GetFiles(dir, "*.jsonl").Select(f => Unescape(Path.GetFileNameWithoutExtension(f))).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>A stream's events in order, or null when it does not exist.</summary>
    public IReadOnlyList<LogEvent>? Read(string group, string stream)
    {
        lock (_gate)
        {
            if (Root is null)
                return _memory.TryGetValue(group, out var s) && s.TryGetValue(stream, out var list) ? list.ToList() : null;
            var file = Path.Combine(Root, Escape(group), Escape(stream) + ".jsonl");
            if (!File.Exists(file)) return null;
            var result = new List<LogEvent>();
            foreach (var line in File.ReadAllLines(file))
            {
                if (line.Length == 0) continue;
                try
                {
                    var e = JsonSerializer.Deserialize(line, LogJson.Default.StoredEvent);
                    if (e is not null) result.Add(new LogEvent(DateTimeOffset.FromUnixTimeMilliseconds(e.T), e.M ?? "", stream));
                }
                catch (JsonException)
                {
                    // A line cut short by a crash mid-append: skip it, keep the rest.
                }
            }
            return result;
        }
    }

    private static string Escape(string name) => Uri.EscapeDataString(name);

    private static string Unescape(string name) => Uri.UnescapeDataString(name);
}

internal sealed record StoredEvent(long T, string? M);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(StoredEvent))]
internal sealed partial class LogJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>GetLogEvents / FilterLogEvents paging over a <see cref="LogStore"/>, with CloudWatch Logs' errors.</summary>
internal static class LogQueries
{
    public const int PageSize = 10000;

    public static LogEventsPage Get(LogStore store, string group, string stream, string? nextToken, bool startFromHead)
    {
        if (!store.GroupExists(group)) throw NotFound("The specified log group does not exist.");
        var events = store.Read(group, stream) ?? throw NotFound("The specified log stream does not exist.");
        int start;
        if (nextToken is not null)
        {
            if (!nextToken.StartsWith("f/", StringComparison.Ordinal) || !int.TryParse(nextToken.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0)
                throw new AwsApiException(AwsErrorKind.InvalidParameter, "InvalidParameterException", "The specified nextToken is invalid.");
            start = Math.Min(start, events.Count);
        }
        else start = startFromHead ? 0 : Math.Max(0, events.Count - PageSize);
        var page = events.Skip(start).Take(PageSize).ToList();
        return new LogEventsPage(page, "f/" + (start + page.Count).ToString("D8", CultureInfo.InvariantCulture));
    }

    public static LogEventsPage Filter(LogStore store, string group, string? prefix, DateTimeOffset? startTime, string? nextToken)
    {
        var streams = store.Streams(group) ?? throw NotFound("The specified log group does not exist.");
        var all = streams.Where(s => prefix is null || s.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(s => store.Read(group, s) ?? [])
            .Where(e => startTime is null || e.Timestamp >= startTime)
            .OrderBy(e => e.Timestamp).ThenBy(e => e.LogStreamName, StringComparer.Ordinal)
            .ToList();
        var start = 0;
        if (nextToken is not null && (!int.TryParse(nextToken, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
            throw new AwsApiException(AwsErrorKind.InvalidParameter, "InvalidParameterException", "The specified nextToken is invalid.");
        var page = all.Skip(start).Take(PageSize).ToList();
        var next = start + page.Count < all.Count ? (start + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return new LogEventsPage(page, next);
    }

    private static AwsApiException NotFound(string message) => new(AwsErrorKind.NotFound, "ResourceNotFoundException", message);
}
