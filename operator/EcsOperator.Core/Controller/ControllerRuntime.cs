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
    private readonly ConcurrentDictionary<ResourceKey, string> terminal = new();
    private readonly ConcurrentDictionary<ResourceKey, int> missing = new();
    private volatile WorkQueue<ResourceKey>? queue;
    private int orphans;

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
        _ = Task.Run(async () =>
        {
            var found = 0;
            var complete = true;
            foreach (var finder in orphanFinders)
            {
                try
                {
                    foreach (var key in await finder.FindOwnersAsync(CancellationToken.None))
                    {
                        if (presentSet.Contains(key) || !reconcilers.ContainsKey(key.Kind)) continue;
                        Log.OrphanFound(logger, key);
                        found++;
                        q.Add(key);
                    }
                }
                catch (Exception e)
                {
                    complete = false;
                    Log.OrphanSearchFailed(logger, e);
                }
            }
            if (complete) Volatile.Write(ref orphans, found);
        });
    }
}
