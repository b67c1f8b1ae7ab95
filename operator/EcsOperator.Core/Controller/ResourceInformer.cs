using System.Collections.Concurrent;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Controller;

/// <summary>
/// Keeps a cache of every store item and says which keys to look at: all of them at start and on every resync
/// (a complete <see cref="IResourceStore.ListAsync"/>), plus each key the store's watch reports. A key that disappears
/// between two listings (or that the watch reports and is gone) is still announced, so its deletion gets a reconcile.
/// A failed listing changes nothing: an unreadable store is never read as "everything was deleted".
/// </summary>
public sealed class ResourceInformer(IResourceStore store, TimeProvider time, TimeSpan resyncPeriod, ILogger logger)
{
    private readonly ConcurrentDictionary<ResourceKey, StoredResource> items = new();
    private readonly ConcurrentDictionary<ResourceKey, DateTimeOffset> removed = new();
    private int synced;

    /// <summary>Called for each key the watch reports, and for keys a listing found gone.</summary>
    public event Action<ResourceKey>? Changed;

    /// <summary>Called for every key present in a complete listing (start and each resync): worth a look, but less
    /// urgent than a <see cref="Changed"/> key.</summary>
    public event Action<ResourceKey>? Listed;

    /// <summary>Called after each complete listing, with the keys present.</summary>
    public event Action<IReadOnlyCollection<ResourceKey>>? Resynced;

    /// <summary>True once one complete listing has succeeded.</summary>
    public bool HasSynced => Volatile.Read(ref synced) == 1;

    public StoredResource? Get(ResourceKey key) => items.TryGetValue(key, out var r) ? r : null;

    /// <summary>When this process saw the key disappear from the store (null: present, or never seen).</summary>
    public DateTimeOffset? RemovedAt(ResourceKey key) => items.ContainsKey(key) ? null : removed.TryGetValue(key, out var t) ? t : null;

    /// <summary>Cached items of a kind (and namespace), as of the last listing or watch event (status left out).</summary>
    public IReadOnlyList<StoredResource> List(ResourceKind kind, string? @namespace = null) =>
        [.. items.Values.Where(r => r.Key.Kind == kind && (@namespace is null || r.Key.Namespace == @namespace))];

    public int Count => items.Count;

    /// <summary>Where a listing that follows a re-established watch counts the changes the watch missed
    /// (<c>ecs_operator_watch_recovered_total</c>); null: not counted.</summary>
    public OperatorMetrics? Metrics { get; init; }

    /// <summary>How long the first listing waits for the watch to be established before it runs anyway (a store whose
    /// watch hangs must not stop the operator from working; the listing is repeated once the watch is up).</summary>
    public TimeSpan WatchStartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs the watch and the periodic listing until cancelled. The watch is established first and the listing it
    /// complements starts after that, so a write landing while the operator starts is either in the listing or reported
    /// by the watch. Each time the watch is established again (after a failure), another listing covers the gap.
    /// </summary>
    public Task RunAsync(CancellationToken ct)
    {
        var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var relist = new Relist();
        return Task.WhenAll(ResyncLoopAsync(watching, relist, ct), WatchLoopAsync(watching, relist, ct));
    }

    /// <summary>Lets the watch ask the listing loop for a listing now.</summary>
    private sealed class Relist
    {
        private TaskCompletionSource requested = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Request() => Volatile.Read(ref requested).TrySetResult();

        /// <summary>Called right before a listing: requests made from now on ask for the next one.</summary>
        public void Reset() => Interlocked.Exchange(ref requested, new(TaskCreationOptions.RunContinuationsAsynchronously));

        public Task Requested => Volatile.Read(ref requested).Task;
    }

    /// <summary>One complete listing: refreshes the cache and announces every key, including vanished ones.</summary>
    public Task ResyncAsync(CancellationToken ct) => ResyncAsync(afterWatchGap: false, ct);

    /// <param name="afterWatchGap">True for a listing that covers a time the watch was down (it was re-established, or
    /// came up only after the first listing): each key the listing finds changed against the cache, which holds what
    /// the watch delivered, is a watch event missed then recovered, and is counted.</param>
    private async Task ResyncAsync(bool afterWatchGap, CancellationToken ct)
    {
        var listed = await store.ListAsync(null, null, ct);
        var present = new HashSet<ResourceKey>(listed.Count);
        var recovered = 0;
        foreach (var r in listed)
        {
            present.Add(r.Key);
            if (afterWatchGap && (!items.TryGetValue(r.Key, out var cached) || ChangedSince(cached, r))) recovered++;
            items[r.Key] = Slim(r);
        }
        var gone = items.Keys.Where(k => !present.Contains(k)).ToList();
        if (afterWatchGap && recovered + gone.Count > 0)
        {
            Metrics?.RecordWatchRecovered(recovered + gone.Count);
            Log.WatchGapRecovered(logger, recovered + gone.Count);
        }
        foreach (var k in gone) Remove(k);
        Volatile.Write(ref synced, 1);
        foreach (var r in listed) Listed?.Invoke(r.Key);
        foreach (var k in gone) Changed?.Invoke(k);
        Resynced?.Invoke(present);
    }

    /// <summary>A change the watch reports: the manifest (and so the generation) or the deletion mark. Status writes
    /// change the version too, but no watch is bound to report them, so they are not counted as missed.</summary>
    private static bool ChangedSince(StoredResource cached, StoredResource listed) =>
        cached.Generation != listed.Generation || cached.DeletionRequested != listed.DeletionRequested
        || !string.Equals(cached.Manifest, listed.Manifest, StringComparison.Ordinal);

    /// <summary>The cache keeps what the controller needs (key, manifest, generation, version), not the status:
    /// reconciles read status fresh, and 10,000 statuses as JSON trees would dominate the operator's memory.</summary>
    private static StoredResource Slim(StoredResource r) => r.Status is null ? r : r with { Status = null };

    private void Remove(ResourceKey key)
    {
        if (items.TryRemove(key, out _)) removed[key] = time.GetUtcNow();
    }

    private async Task ResyncLoopAsync(TaskCompletionSource watching, Relist relist, CancellationToken ct)
    {
        await Task.WhenAny(watching.Task, Task.Delay(WatchStartTimeout, time, ct));
        watching.TrySetResult();   // from now on an establishment of the watch asks for a listing of its own
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                // A listing the watch asked for (it was established again) covers the watch's gap.
                var afterWatchGap = relist.Requested.IsCompleted;
                relist.Reset();
                await ResyncAsync(afterWatchGap, ct);
                failures = 0;
                wait = resyncPeriod;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                wait = TimeSpan.FromSeconds(Math.Min(resyncPeriod.TotalSeconds, Math.Pow(2, Math.Min(failures, 8))));
                Log.ResyncFailed(logger, e, wait);
            }
            await Task.WhenAny(Task.Delay(wait, time, ct), relist.Requested);
        }
    }

    private async Task WatchLoopAsync(TaskCompletionSource watching, Relist relist, CancellationToken ct)
    {
        // The first establishment releases the first listing; any later one (a restarted watch, or a watch that came up
        // after the listing stopped waiting for it) asks for a listing of its own, for writes made while it was down.
        void Established()
        {
            if (!watching.TrySetResult()) relist.Request();
        }

        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var key in store.WatchAsync(Established, ct))
                {
                    var item = await store.GetAsync(key, ct);
                    if (item is null) Remove(key);
                    else items[key] = Slim(item);
                    Changed?.Invoke(key);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.WatchFailed(logger, e);
                watching.TrySetResult();   // a watch that failed before it was established holds the first listing no longer
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
