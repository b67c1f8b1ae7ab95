using System.Collections.Concurrent;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Controller;

/// <summary>
/// The reconcile loop: an informer feeds keys into a rate-limited work queue, N workers hand each key to the reconciler
/// of its kind. One handler owns what happens after a reconcile: success forgets the backoff (and requeues when asked),
/// an exception requeues with per-key backoff, a terminal error is recorded and waits for a new manifest.
/// <see cref="RunAsync"/> can be called again after it returns (e.g. when leadership is regained).
/// </summary>
public sealed partial class ControllerRuntime
{
    private readonly IResourceStore store;
    private readonly IEventStore events;
    private readonly ResourceInformer informer;
    private readonly Dictionary<ResourceKind, IReconciler> reconcilers;
    private readonly IReadOnlyList<IOrphanFinder> orphanFinders;
    private readonly ControllerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly OperatorMetrics metrics;
    private readonly StatusWriter statusWriter;
    private readonly EventRecorder recorder;
    private readonly ConcurrentDictionary<ResourceKey, string> terminal = new();
    private readonly ConcurrentDictionary<ResourceKey, int> missing = new();
    private volatile WorkQueue<ResourceKey>? queue;
    private int orphans;

    /// <summary>The orphan search started by the last resync (one at a time), and the token that stops it; both are
    /// owned by <see cref="RunAsync"/>, which cancels and awaits the search before it returns.</summary>
    private Task orphanSearch = Task.CompletedTask;
    private CancellationToken orphanStop = new(canceled: true);
    private readonly Lock orphanLock = new();

    /// <summary>Owners named by live ECS objects and absent from the store, as of the last orphan search.</summary>
    public int Orphans => Volatile.Read(ref orphans);

    public ControllerRuntime(
        IResourceStore store, IEventStore events, ResourceInformer informer, IEnumerable<IReconciler> reconcilers,
        ControllerOptions options, TimeProvider time, ILogger<ControllerRuntime> logger,
        OperatorMetrics? metrics = null, IEnumerable<IOrphanFinder>? orphanFinders = null)
    {
        this.store = store;
        this.events = events;
        this.informer = informer;
        this.reconcilers = reconcilers.ToDictionary(r => r.Kind);
        this.orphanFinders = orphanFinders?.ToList() ?? [];
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.metrics = metrics ?? new OperatorMetrics();
        statusWriter = new StatusWriter(store);
        recorder = new EventRecorder(events, time);
        this.metrics.SetGauge("ecs_operator_queue_depth", () => QueueDepth);
        this.metrics.SetGauge("ecs_operator_orphans", () => Volatile.Read(ref orphans));
        informer.Changed += OnChanged;
        informer.Listed += OnListed;
        informer.Resynced += OnResynced;
    }

    /// <summary>Keys waiting in the queue (0 when not running).</summary>
    public int QueueDepth => queue?.Count ?? 0;

    /// <summary>True while <see cref="RunAsync"/> runs and the first store listing has completed.</summary>
    public bool IsReady => queue is not null && informer.HasSynced;

    /// <summary>Enqueues a key for reconcile now (no-op when not running).</summary>
    public void Enqueue(ResourceKey key) => queue?.Add(key);

    /// <summary>Runs the informer and the workers until <paramref name="ct"/> is cancelled; in-flight reconciles then
    /// see cancellation and the method returns once they have finished.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var q = new WorkQueue<ResourceKey>(time);
        queue = q;
        Log.Started(logger, options.Workers, string.Join(",", reconcilers.Keys));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lock (orphanLock) orphanStop = stop.Token;
        var informerTask = Task.Run(() => informer.RunAsync(stop.Token), CancellationToken.None);
        var workers = Enumerable.Range(0, options.Workers).Select(_ => Task.Run(() => WorkerAsync(q, stop.Token), CancellationToken.None)).ToList();
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            q.ShutDown();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            Task search;
            lock (orphanLock)
            {
                orphanStop = new CancellationToken(canceled: true);
                search = orphanSearch;
            }
            await search; // never faults: failures are logged inside
            try
            {
                await informerTask;
            }
            catch (OperationCanceledException)
            {
            }
            queue = null;
            Log.Stopped(logger);
        }
    }

    private void OnChanged(ResourceKey key)
    {
        if (reconcilers.ContainsKey(key.Kind)) queue?.Add(key);
    }

    private void OnListed(ResourceKey key)
    {
        if (reconcilers.ContainsKey(key.Kind)) queue?.AddLow(key);
    }

    private void OnResynced(IReadOnlyCollection<ResourceKey> present)
    {
        if (orphanFinders.Count == 0 || queue is not { } q) return;
        var presentSet = present as ISet<ResourceKey> ?? present.ToHashSet();
        lock (orphanLock)
        {
            // One search at a time: a resync while the last one still runs adds nothing the next resync will not find.
            if (!orphanSearch.IsCompleted || orphanStop.IsCancellationRequested) return;
            var stop = orphanStop;
            orphanSearch = Task.Run(() => FindOrphansAsync(q, presentSet, stop), CancellationToken.None);
        }
    }

    private async Task FindOrphansAsync(WorkQueue<ResourceKey> q, ISet<ResourceKey> present, CancellationToken stop)
    {
        var found = 0;
        var complete = true;
        foreach (var finder in orphanFinders)
        {
            try
            {
                foreach (var key in await finder.FindOwnersAsync(stop))
                {
                    if (present.Contains(key) || !reconcilers.ContainsKey(key.Kind)) continue;
                    Log.OrphanFound(logger, key);
                    found++;
                    q.Add(key);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                complete = false;
                Log.OrphanSearchFailed(logger, e);
            }
        }
        if (complete) Volatile.Write(ref orphans, found);
    }
}
