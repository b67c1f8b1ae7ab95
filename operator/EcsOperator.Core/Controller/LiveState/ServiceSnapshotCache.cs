using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Controller.LiveState;

/// <summary>
/// Live ECS services read in batches and shared by the reconciles of one pass: a cluster's snapshot is one ListServices
/// walk plus DescribeServices 10 at a time, reused until it is older than the TTL. A service a reconcile has just written
/// is invalidated and read alone (one DescribeServices) until a snapshot newer than the write exists, so a reconcile
/// never acts on its own stale write, and for one TTL after the write in any case: a young rollout is polled soon after
/// its write and must see how it moved on, not a snapshot taken a moment after the write and kept for a whole TTL.
/// </summary>
public sealed class ServiceSnapshotCache(IEcsApi ecs, TimeProvider time, TimeSpan ttl)
{
    private readonly ConcurrentDictionary<string, ClusterEntry> clusters = new(StringComparer.Ordinal);

    /// <summary>Stretches the snapshot's life while AWS events flow (a service event invalidates what it concerns); the
    /// window in which a written service is read alone stays one TTL.</summary>
    public Events.PollPacing Pacing { get; init; } = Events.PollPacing.Usual;

    /// <summary>Clusters asked about since start (the App orphan search walks them).</summary>
    public IReadOnlyCollection<string> KnownClusters => [.. clusters.Keys];

    /// <summary>The ACTIVE or DRAINING service named <paramref name="serviceName"/>, or null when there is none.</summary>
    public async Task<JsonObject?> GetServiceAsync(string cluster, string serviceName, CancellationToken ct)
    {
        var entry = clusters.GetOrAdd(cluster, _ => new ClusterEntry());
        var snapshot = await GetSnapshotAsync(cluster, entry, ct);
        if (entry.Invalidated.TryGetValue(serviceName, out var at) && (at >= snapshot.StartedAt || time.GetUtcNow() - at < ttl))
        {
            var (found, _) = await ecs.DescribeServicesAsync(cluster, [serviceName], ct);
            return found.FirstOrDefault(s => s.Str("status") != "INACTIVE") is { } one ? Trim(one) : null;
        }
        if (snapshot.Services.GetValueOrDefault(serviceName) is { } known) return known;
        if (time.GetUtcNow() - snapshot.StartedAt < ttl) return null;
        // A snapshot kept past its TTL by stretched polls has not seen services created since: one not in it is
        // described alone rather than reported missing for a whole stretched interval.
        var (described, _) = await ecs.DescribeServicesAsync(cluster, [serviceName], ct);
        return described.FirstOrDefault(s => s.Str("status") != "INACTIVE") is { } fresh ? Trim(fresh) : null;
    }

    /// <summary>Every ACTIVE service of the cluster as of the current snapshot.</summary>
    public async Task<IReadOnlyCollection<JsonObject>> ListServicesAsync(string cluster, CancellationToken ct)
    {
        var entry = clusters.GetOrAdd(cluster, _ => new ClusterEntry());
        return (await GetSnapshotAsync(cluster, entry, ct)).Services.Values;
    }

    /// <summary>Marks a service as written: later reads describe it alone until a newer snapshot is taken.</summary>
    public void Invalidate(string cluster, string serviceName)
    {
        var entry = clusters.GetOrAdd(cluster, _ => new ClusterEntry());
        entry.Invalidated[serviceName] = time.GetUtcNow();
    }

    /// <summary>The service as the current snapshot holds it, without reading ECS (null when not in a snapshot).</summary>
    public JsonObject? Peek(string cluster, string serviceName) =>
        clusters.TryGetValue(cluster, out var entry) && entry.Current is { IsCompletedSuccessfully: true } cur
            ? cur.Result.Services.GetValueOrDefault(serviceName) : null;

    /// <summary>Forces the next read of every cluster to take a new snapshot (start of a resync pass).</summary>
    public void ExpireAll()
    {
        foreach (var e in clusters.Values)
        {
            lock (e) e.Expired = true;
        }
    }

    private Task<Snapshot> GetSnapshotAsync(string cluster, ClusterEntry entry, CancellationToken ct)
    {
        lock (entry)
        {
            var now = time.GetUtcNow();
            if (entry.Current is { } cur && !entry.Expired && cur.IsCompletedSuccessfully && now - cur.Result.StartedAt < Pacing.For(ttl)) return cur;
            if (entry.Current is { IsCompleted: false } pending) return pending;
            entry.Expired = false;
            var task = TakeSnapshotAsync(cluster, now, ct);
            entry.Current = task;
            return task;
        }
    }

    private async Task<Snapshot> TakeSnapshotAsync(string cluster, DateTimeOffset startedAt, CancellationToken ct)
    {
        var arns = await ecs.ListServicesAsync(cluster, ct);
        var (services, _) = await ecs.DescribeServicesAsync(cluster, arns, ct);
        var byName = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var s in services)
        {
            if (s.Str("serviceName") is { } name && s.Str("status") != "INACTIVE") byName[name] = Trim(s);
        }
        return new Snapshot(startedAt, byName);
    }

    /// <summary>Services carry up to 100 events; the newest <see cref="EventsKept"/> are all a reconcile reads.</summary>
    public const int EventsKept = 10;

    private static JsonObject Trim(JsonObject service)
    {
        if (service["events"] is JsonArray { Count: > EventsKept } events)
            service["events"] = new JsonArray([.. events.Take(EventsKept).Select(e => e?.DeepClone())]);
        return service;
    }

    private sealed class ClusterEntry
    {
        public Task<Snapshot>? Current;
        public bool Expired;
        public readonly ConcurrentDictionary<string, DateTimeOffset> Invalidated = new(StringComparer.Ordinal);
    }

    private sealed record Snapshot(DateTimeOffset StartedAt, Dictionary<string, JsonObject> Services);
}
