using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// Watches the tasks of every running Job with batched DescribeTasks (100 per call): the first reconcile that finds its
/// task's view older than <see cref="MaxAge"/> refreshes all tracked tasks of the cluster at once, and every other Job
/// reconciled in that pass reads the fresh view. One tracker is shared by all Job reconciles of an operator.
/// </summary>
public sealed class JobTaskTracker(IEcsApi ecs, TimeProvider time, TimeSpan? maxAge = null)
{
    private readonly ConcurrentDictionary<(string Cluster, string Arn), Entry> entries = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> refreshLocks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Cluster, string Arn), ResourceKey> owners = new();
    private readonly ConcurrentDictionary<string, byte> clusters = new(StringComparer.Ordinal);

    public TimeSpan MaxAge { get; } = maxAge ?? TimeSpan.FromSeconds(5);

    /// <summary>Tasks currently tracked (stopped ones stay until <see cref="Forget"/>).</summary>
    public int Count => entries.Count;

    /// <summary>Records a task just seen (e.g. in a RunTask answer), so no describe is needed for it now.</summary>
    public void Observe(string cluster, JsonObject task)
    {
        if (task.Str("taskArn") is not { } arn) return;
        entries[(cluster, arn)] = new Entry(task, time.GetUtcNow(), false);
        if (OwnerOf(task) is { } owner) Own(owner, cluster, arn);
    }

    /// <summary>Applies a task as an ECS Task State Change event reported it (the event carries no tags; the tracked
    /// ones are kept). Only a tracked task that has not stopped is updated, and only by a newer <c>version</c>, so
    /// duplicate, late and out-of-order events change nothing; without versions to compare the task is described on its
    /// next read. Returns the Job known to own the task, or null.</summary>
    public ResourceKey? ObserveEvent(string cluster, JsonObject task)
    {
        if (task.Str("taskArn") is not { } arn) return null;
        var key = (cluster, arn);
        var owner = owners.TryGetValue(key, out var o) ? o : (ResourceKey?)null;
        if (!entries.TryGetValue(key, out var e) || e.Task.Str("lastStatus") is "STOPPED") return owner;
        if (task.Long("version") is not { } incoming || e.Task.Long("version") is not { } known)
        {
            // versions not comparable: the next read describes the task rather than trust either view
            entries.TryUpdate(key, e with { ObservedAt = null }, e);
            return owner;
        }
        if (incoming <= known) return owner;
        var copy = task.DeepClone().AsObject();
        if (e.Task?["tags"] is { } tags) copy["tags"] = tags.DeepClone();
        entries.TryUpdate(key, new Entry(copy, time.GetUtcNow(), false), e);
        return owner;
    }

    /// <summary>Records that <paramref name="taskArn"/> belongs to <paramref name="job"/>, so the task can be stopped
    /// when the Job is deleted even though the deleted Job's status (and so its startedBy) is gone.</summary>
    public void Own(ResourceKey job, string cluster, string taskArn)
    {
        owners[(cluster, taskArn)] = job;
        clusters.TryAdd(cluster, 0);
    }

    /// <summary>The tasks known to belong to <paramref name="job"/> and not known to have stopped.</summary>
    public IReadOnlyList<(string Cluster, string Arn)> OwnedBy(ResourceKey job) =>
        [.. owners.Where(o => o.Value == job && !(entries.TryGetValue(o.Key, out var e) && e.Task.Str("lastStatus") is "STOPPED")).Select(o => o.Key)];

    /// <summary>Clusters where Job tasks have been seen by this process.</summary>
    public IReadOnlyList<string> KnownClusters => [.. clusters.Keys];

    /// <summary>Stops tracking a task (its Job has recorded the outcome, or it was stopped).</summary>
    public void Forget(string cluster, string taskArn)
    {
        entries.TryRemove((cluster, taskArn), out _);
        owners.TryRemove((cluster, taskArn), out _);
    }

    /// <summary>The Job named by a task's owner tag (managed tasks only), or null.</summary>
    public static ResourceKey? OwnerOf(JsonObject task)
    {
        return OperatorTags.IsManaged(task) && ResourceKey.TryParse(OperatorTags.OwnerOf(task), out var key) && key.Kind == ResourceKind.Job ? key : null;
    }

    /// <summary>The task as last described; refreshes every tracked task of the cluster when this one's view is stale.
    /// Returns null when ECS no longer reports the task.</summary>
    public async Task<TrackedTask> GetAsync(string cluster, string taskArn, CancellationToken ct)
    {
        var key = (cluster, taskArn);
        if (entries.TryGetValue(key, out var e) && (IsFresh(e) || e.Task.Str("lastStatus") is "STOPPED")) return e.ToTracked();
        entries.TryAdd(key, Entry.Unknown);
        var gate = refreshLocks.GetOrAdd(cluster, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (entries.TryGetValue(key, out e) && IsFresh(e)) return e.ToTracked();
            await RefreshAsync(cluster, ct);
        }
        finally
        {
            gate.Release();
        }
        return entries.TryGetValue(key, out e) ? e.ToTracked() : new TrackedTask(null, false);
    }

    private async Task RefreshAsync(string cluster, CancellationToken ct)
    {
        // Everything not seen for half the max age rides along, so the tracked tasks converge on one refresh per period.
        var now0 = time.GetUtcNow();
        var stale = entries
            .Where(kv => kv.Key.Cluster == cluster && kv.Value.Task.Str("lastStatus") is not "STOPPED"
                && (kv.Value.ObservedAt is not { } at || now0 - at >= MaxAge / 2))
            .Select(kv => kv.Key.Arn)
            .ToList();
        if (stale.Count == 0) return;
        var (tasks, failures) = await ecs.DescribeTasksAsync(cluster, stale, ct);
        var now = time.GetUtcNow();
        foreach (var task in tasks)
        {
            if (task.Str("taskArn") is not { } arn) continue;
            entries[(cluster, arn)] = new Entry(task, now, false);
            if (OwnerOf(task) is { } owner) Own(owner, cluster, arn);
        }
        foreach (var failure in failures)
        {
            if (failure.Str("arn") is { } arn && failure.Str("reason") is "MISSING")
                entries[(cluster, arn)] = new Entry(null, now, true);
        }
    }

    private bool IsFresh(Entry e) => e.ObservedAt is { } at && time.GetUtcNow() - at < MaxAge;

    private sealed record Entry(JsonObject? Task, DateTimeOffset? ObservedAt, bool Missing)
    {
        public static Entry Unknown { get; } = new(null, null, false);

        public TrackedTask ToTracked() => new(Task, Missing);
    }
}

/// <summary>A tracked task: its last description, or <see cref="Missing"/> when ECS reported it unknown.</summary>
public sealed record TrackedTask(JsonObject? Task, bool Missing);
