namespace EcsOperator.Core.Controller;

/// <summary>
/// A rate-limited, delaying work queue in the manner of client-go: an item is in <c>dirty</c> while it waits and in
/// <c>processing</c> while a worker has it, so one item is never handed out twice at once, and a burst of adds collapses
/// into one pending entry. An item added while it is processing is queued again when the worker calls <see cref="Done"/>.
/// Items come in two priorities, as in controller-runtime's priority queue: what a complete listing announces (start,
/// resync) is <see cref="AddLow">low</see>, everything else (watch events, requeues, retries) is handed out first, so a
/// backlog of thousands of listed keys never delays a rollout poll or a user's change. A low item added again normally
/// is promoted.
/// </summary>
internal sealed class WorkQueue<T> : IDisposable where T : notnull
{
    private readonly Lock gate = new();
    private readonly Queue<T> queue = new();
    private readonly Queue<T> lowQueue = new();
    private readonly HashSet<T> dirty = [];
    private readonly HashSet<T> lowDirty = [];
    private readonly HashSet<T> processing = [];
    private readonly Dictionary<T, (DateTimeOffset Due, ITimer Timer)> waiting = [];
    private readonly SemaphoreSlim ready = new(0);
    private readonly CancellationTokenSource shutdown = new();
    private readonly TimeProvider time;
    private readonly IRateLimiter<T> limiter;
    private int pending;

    public WorkQueue(TimeProvider time, IRateLimiter<T>? limiter = null)
    {
        this.time = time;
        this.limiter = limiter ?? RateLimiters.Default<T>(time);
    }

    /// <summary>Items waiting to be handed out (not counting delayed ones or those in progress).</summary>
    public int Count
    {
        get { lock (gate) return pending; }
    }

    /// <summary>Items scheduled for later with <see cref="AddAfter"/>.</summary>
    public int DelayedCount
    {
        get { lock (gate) return waiting.Count; }
    }

    public bool IsShuttingDown => shutdown.IsCancellationRequested;

    public void Add(T item)
    {
        lock (gate)
        {
            if (shutdown.IsCancellationRequested) return;
            if (!dirty.Add(item))
            {
                // promote a waiting low item: its entry in the low queue goes stale and is skipped
                if (lowDirty.Remove(item) && !processing.Contains(item)) queue.Enqueue(item);
                return;
            }
            if (processing.Contains(item)) return;
            queue.Enqueue(item);
            pending++;
        }
        ready.Release();
    }

    /// <summary>Adds the item at low priority: handed out only when no normal item waits (keys from a full listing).</summary>
    public void AddLow(T item)
    {
        lock (gate)
        {
            if (shutdown.IsCancellationRequested || !dirty.Add(item)) return;
            lowDirty.Add(item);
            if (processing.Contains(item)) return;
            lowQueue.Enqueue(item);
            pending++;
        }
        ready.Release();
    }

    /// <summary>Adds the item once <paramref name="delay"/> has passed; of several pending delays for one item the earliest wins.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }
        var due = time.GetUtcNow() + delay;
        lock (gate)
        {
            if (shutdown.IsCancellationRequested) return;
            if (waiting.TryGetValue(item, out var existing))
            {
                if (existing.Due <= due) return;
                existing.Timer.Dispose();
            }
            var timer = time.CreateTimer(_ => Fire(item, due), null, delay, Timeout.InfiniteTimeSpan);
            waiting[item] = (due, timer);
        }
    }

    /// <summary>Adds the item after its rate-limited backoff (a failure).</summary>
    public void AddRateLimited(T item) => AddAfter(item, limiter.When(item));

    /// <summary>Clears the item's failure history (a success).</summary>
    public void Forget(T item) => limiter.Forget(item);

    public int NumRequeues(T item) => limiter.NumRequeues(item);

    /// <summary>The next item, or <c>(default, false)</c> once the queue is shut down or <paramref name="ct"/> is cancelled.</summary>
    public async Task<(T Item, bool Ok)> GetAsync(CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, shutdown.Token);
        try
        {
            await ready.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            return (default!, false);
        }
        lock (gate)
        {
            T item;
            if (queue.Count > 0)
            {
                item = queue.Dequeue();
            }
            else
            {
                // skip entries made stale by a promotion (or handed out already)
                do item = lowQueue.Dequeue();
                while (!lowDirty.Contains(item) || processing.Contains(item));
            }
            pending--;
            processing.Add(item);
            dirty.Remove(item);
            lowDirty.Remove(item);
            return (item, true);
        }
    }

    /// <summary>Marks the item finished; if it was added again meanwhile it goes back in the queue.</summary>
    public void Done(T item)
    {
        bool requeue;
        lock (gate)
        {
            processing.Remove(item);
            requeue = dirty.Contains(item) && !shutdown.IsCancellationRequested;
            if (requeue)
            {
                (lowDirty.Contains(item) ? lowQueue : queue).Enqueue(item);
                pending++;
            }
        }
        if (requeue) ready.Release();
    }

    public void ShutDown()
    {
        lock (gate)
        {
            shutdown.Cancel();
            foreach (var (_, t) in waiting.Values) t.Dispose();
            waiting.Clear();
        }
    }

    public void Dispose()
    {
        ShutDown();
        ready.Dispose();
        shutdown.Dispose();
    }

    private void Fire(T item, DateTimeOffset due)
    {
        lock (gate)
        {
            if (!waiting.TryGetValue(item, out var entry) || entry.Due != due) return;
            waiting.Remove(item);
            entry.Timer.Dispose();
        }
        Add(item);
    }
}
