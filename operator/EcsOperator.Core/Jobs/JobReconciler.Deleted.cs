using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Jobs;

public sealed partial class JobReconciler
{
    /// <summary>Runs this process is launching or has launched, by Job: found again by startedBy when the Job is
    /// deleted before its status names the task (e.g. deleted while RunTask was in flight).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ResourceKey, (string Cluster, string StartedBy)> launching = new();

    /// <summary>
    /// The Job is gone (ecsctl delete, a raw store delete, its TTL): stop every task still running for it. The tasks are
    /// known from the shared tracker (every task this process launched, adopted or described, and every task the
    /// <see cref="JobOrphanFinder"/> found by its owner tag after a restart), plus a startedBy lookup of a launch that
    /// had not been recorded. A Job that finished has no running task: nothing to do.
    /// </summary>
    private async Task<ReconcileResult> DeletedAsync(ResourceKey key, CancellationToken ct)
    {
        try
        {
            var stopped = await StopOwnedTasksAsync(key, $"ecs-operator: Job {key.Namespace}/{key.Name} was deleted", ct);
            launching.TryRemove(key, out _);
            pacer?.Release(key);
            if (stopped.Count > 0)
            {
                Log.StoppedForDeletedJob(logger, stopped.Count);
                await recorder.NormalAsync(key, JobReasons.Deleted, $"stopped {string.Join(", ", stopped)}: the Job was deleted", ct);
            }
            return ReconcileResult.Done;
        }
        catch (AwsApiException e) when (e.IsTransient)
        {
            var delay = Backoff.Jittered(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20), 1, key.Pk + e.Code + time.GetUtcNow().Ticks);
            Log.Throttled(logger, delay);
            return ReconcileResult.After(delay);
        }
    }

    /// <summary>Stops the running tasks owned by <paramref name="key"/>; returns their ARNs.</summary>
    private async Task<List<string>> StopOwnedTasksAsync(ResourceKey key, string reason, CancellationToken ct)
    {
        var targets = tracker.OwnedBy(key).ToHashSet();
        if (launching.TryGetValue(key, out var l))
        {
            foreach (var arn in await ecs.ListTasksAsync(l.Cluster, ct, startedBy: l.StartedBy, desiredStatus: "RUNNING"))
                targets.Add((l.Cluster, arn));
        }
        var stopped = new List<string>();
        foreach (var (cluster, arn) in targets)
        {
            await StopTaskAsync(cluster, arn, reason, ct);
            tracker.Forget(cluster, arn);
            stopped.Add(arn);
        }
        return stopped;
    }

    /// <summary>
    /// Stops the current run's task before the Job is finished by a stop request or its deadline. When the status names
    /// no task, a launch may still have happened (a crash or a lost answer after RunTask): the run's startedBy finds it.
    /// </summary>
    private async Task StopCurrentRunAsync(ResourceKey key, JobState state, string reason, CancellationToken ct)
    {
        if (state.Cluster is not { } cluster) return;
        var targets = new HashSet<string>(StringComparer.Ordinal);
        if (state.Current is { TaskArn: { } running, Outcome: null }) targets.Add(running);
        else if (state.Current is null)
        {
            var startedBy = JobTokens.StartedBy(key, state.Uid, state.Run);
            foreach (var arn in await ecs.ListTasksAsync(cluster, ct, startedBy: startedBy, desiredStatus: "RUNNING")) targets.Add(arn);
        }
        foreach (var arn in targets)
        {
            await StopTaskAsync(cluster, arn, reason, ct);
            tracker.Forget(cluster, arn);
        }
    }

    /// <summary>Remembers the run being launched (before RunTask) so a deletion can find its task.</summary>
    private void NoteLaunching(ResourceKey key, string cluster, string startedBy) => launching[key] = (cluster, startedBy);

    /// <summary>The Job has an outcome: no task of it runs any more.</summary>
    private void NoteFinished(ResourceKey key) => launching.TryRemove(key, out _);
}
