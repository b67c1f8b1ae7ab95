using System.Text.Json;
using System.Text.Json.Serialization;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.LocalStore;

public sealed partial class LocalResourceStore
{
    private static readonly JsonSerializerOptions EventJson = new() { WriteIndented = true };

    /// <summary>How long an event is kept after it was last seen (default one hour, like Kubernetes).</summary>
    public TimeSpan EventTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>At most this many distinct events are kept per resource; the oldest go first.</summary>
    public int MaxEventsPerResource { get; init; } = 100;

    private string EventsPath(ResourceKey key) => Path.Combine(_paths.Events, ItemNames.Escape(key) + ".json");

    public async Task RecordAsync(ResourceKey key, ResourceEvent evt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evt);
        Directory.CreateDirectory(_paths.Events);
        using var _ = await FileLock.AcquireAsync(Path.Combine(_paths.Events, ".locks", ItemNames.Escape(key) + ".lock"), LockTimeout, ct);
        var now = _time.GetUtcNow();
        var merged = EventAggregation.Merge(ReadEvents(key).Select(r => r.ToEvent(key)), evt, now, EventTtl, MaxEventsPerResource);
        var rows = merged.Select(e => new EventRow(e.Type, e.Reason, e.Message, e.Count, e.FirstTimestamp, e.LastTimestamp)).ToList();
        AtomicFile.WriteAllBytes(EventsPath(key), JsonSerializer.SerializeToUtf8Bytes(rows, EventJson), Path.Combine(_paths.Events, ".tmp"));
    }

    public Task<IReadOnlyList<ResourceEvent>> ListAsync(ResourceKey? key, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        List<ResourceKey> keys = key is { } k ? [k] : AllEventKeys();
        var events = keys
            .SelectMany(k2 => ReadEvents(k2).Where(r => !Expired(r.Last, now)).Select(r => r.ToEvent(k2)))
            .OrderBy(e => e.FirstTimestamp)
            .ThenBy(e => e.Key.Pk, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<ResourceEvent>>(events);
    }

    private bool Expired(DateTimeOffset lastSeen, DateTimeOffset now) => lastSeen + EventTtl <= now;

    private List<ResourceKey> AllEventKeys()
    {
        if (!Directory.Exists(_paths.Events)) return [];
        var keys = new List<ResourceKey>();
        foreach (var file in Directory.EnumerateFiles(_paths.Events, "*.json"))
        {
            if (ItemNames.TryParseEscaped(Path.GetFileNameWithoutExtension(file), out var key)) keys.Add(key);
        }

        return keys;
    }

    /// <summary>The stored rows of one resource; an unreadable file counts as no events (events are advisory).</summary>
    private List<EventRow> ReadEvents(ResourceKey key)
    {
        try
        {
            var bytes = AtomicFile.TryReadAllBytes(EventsPath(key));
            return bytes is null ? [] : JsonSerializer.Deserialize<List<EventRow>>(bytes, EventJson) ?? [];
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private sealed record EventRow(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("reason")] string Reason,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("count")] int Count,
        [property: JsonPropertyName("firstTimestamp")] DateTimeOffset First,
        [property: JsonPropertyName("lastTimestamp")] DateTimeOffset Last)
    {
        public ResourceEvent ToEvent(ResourceKey key) => new(key, Type, Reason, Message, Count, First, Last);
    }
}
