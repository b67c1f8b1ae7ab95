using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// Runs a Job to completion. Level-triggered: every pass reads the Job and its task afresh. Idempotent: the uid and the
/// current run are in the status before a run's RunTask, the run's task is looked up by its startedBy before launching
/// (unless this very pass created the run), and RunTask carries a clientToken of the run and try — so a crash between
/// any two calls never starts an attempt twice. Running tasks are watched through the shared <see cref="JobTaskTracker"/>.
/// </summary>
public sealed partial class JobReconciler(
    IResourceStore store,
    IEventStore events,
    IEcsApi ecs,
    JobTaskTracker tracker,
    JobTargetResolver resolver,
    JobsOptions options,
    TimeProvider time,
    ILogger<JobReconciler> logger,
    LaunchPacer? pacer = null) : IReconciler
{
    private static readonly TimeSpan NotReadyRetry = TimeSpan.FromSeconds(15);

    private readonly StatusWriter statusWriter = new(store);
    private readonly EventRecorder recorder = new(events, time);

    /// <summary>Runs (by startedBy) this process knows have no task yet; forgotten on restart, then looked up again.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LookedUp> unlaunched = new(StringComparer.Ordinal);

    public ResourceKind Kind => ResourceKind.Job;

    public bool HandlesDeletionMark => true;

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct)
    {
        var stored = await store.GetAsync(key, ct);
        if (stored is null) return await DeletedAsync(key, ct);
        if (stored.IsMarkedForDeletion)
        {
            // marked by ecsctl delete: clean up as for a deleted Job, then remove the item (its finalizer)
            var cleaned = await DeletedAsync(key, ct);
            if (cleaned.RequeueAfter is null) await store.DeleteAsync(key, stored.Version, ct);
            return cleaned;
        }
        var manifest = ManifestLoader.Load<JobSpec>(stored, ConditionTypes.Failed);
        var (doc, spec) = (manifest.Doc, manifest.Spec);
        if (spec.Region is { Length: > 0 } region && options.Region is { } served && region != served)
        {
            throw new TerminalReconcileException("RegionMismatch",
                $"spec.region is {region} but this operator serves {served}; run an operator in {region} for it, or change spec.region", "Failed");
        }
        var pass = new Pass(key, stored, doc, spec, PolicyOf(spec));
        var now = time.GetUtcNow();

        var state = JobState.FromJson(stored.Status);
        var runIsFresh = false;
        if (state is null)
        {
            // A new incarnation: tasks still running under this name belong to a deleted predecessor.
            if (tracker.OwnedBy(key).Count > 0 || launching.ContainsKey(key))
            {
                var result = await DeletedAsync(key, ct);
                if (result.RequeueAfter is not null) return result;
            }
            state = JobState.New(Guid.NewGuid().ToString("N"), stored.Generation, now);
            if (!await SaveAsync(pass, state, ct)) return ReconcileResult.Done;
            runIsFresh = true;
        }
        pass.Saved = state;
        if (state.IsFinished) return await FinishedAsync(pass, state, now, ct);

        var stopRequest = manifest.Annotations.GetValueOrDefault(JobAnnotations.StopRequested);
        if (stopRequest is not null || JobLifecycle.IsPastDeadline(state, pass.Policy, now))
        {
            var why = stopRequest is not null ? $"stop requested: {stopRequest}" : "DeadlineExceeded: the job ran longer than its timeoutSeconds";
            try
            {
                await StopCurrentRunAsync(key, state, "ecs-operator: " + why, ct);
            }
            catch (AwsApiException e) when (e.IsTransient)
            {
                return ThrottledRetry(pass.Key, state, e, now);
            }
            state = stopRequest is not null
                ? state.Finish(JobPhases.Failed, JobReasons.Stopped, why, now)
                : JobLifecycle.OnDeadline(state, pass.Policy, now);
            return await SaveAsync(pass, state, ct) ? await FinishedAsync(pass, state, now, ct) : ReconcileResult.Done;
        }

        if (state.Current is { TaskArn: { } taskArn, Outcome: null } current && state.Cluster is { } cluster)
        {
            tracker.Own(key, cluster, taskArn);
            TrackedTask tracked;
            try
            {
                tracked = await tracker.GetAsync(cluster, taskArn, ct);
            }
            catch (AwsApiException e) when (e.IsTransient)
            {
                return ThrottledRetry(pass.Key, state, e, now);
            }
            var task = tracked.Task is { } t ? StoppedTask.From(t, state.Container) : null;
            var gone = tracked.Missing && now - (current.StartedAt ?? now) > TimeSpan.FromSeconds(30);
            if (task is not { IsOver: true } && !gone)
            {
                if (task?.StartedAt is { } started && current.StartedAt != started)
                    state = state.WithRun(current with { StartedAt = started });
                if (state != pass.Saved && !await SaveAsync(pass, state, ct)) return ReconcileResult.Done;
                return Poll(state, pass.Policy, now);
            }
            if (task is { IsStopped: false })
            {
                // The Job's container has exited; the rest of the task (a web server, a log router) would run on.
                var why = StoppedTask.FinishedReason(key, state.Container ?? "", task.ExitCode);
                try
                {
                    await StopTaskAsync(cluster, taskArn, why, ct);
                }
                catch (AwsApiException e) when (e.IsTransient)
                {
                    return ThrottledRetry(pass.Key, state, e, now);
                }
                Log.StoppedAfterContainer(logger, state.Run, state.Container ?? "", task.ExitCode);
                task = task with { StoppedReason = why };
            }
            state = JobLifecycle.OnStopped(state, pass.Policy, task, now);
            if (!await SaveAsync(pass, state, ct)) return ReconcileResult.Done;
            if (task is not { ContainerExited: true }) tracker.Forget(cluster, taskArn);
            if (state.IsFinished) return await FinishedAsync(pass, state, now, ct);
            runIsFresh = true;
        }

        if (state.NextLaunchAt is { } at && at > now) return After(at - now, state, pass.Policy, now);
        return await LaunchAsync(pass, state, runIsFresh, now, ct);
    }

    private static JobPolicy PolicyOf(JobSpec spec) => JobPolicy.From(spec);

    private async Task<ReconcileResult> FinishedAsync(Pass pass, JobState state, DateTimeOffset now, CancellationToken ct)
    {
        NoteFinished(pass.Key);
        if (await SettleContainersAsync(pass, state, now, ct) is { } wait) return wait;
        if (pass.Policy.TtlAfterFinished is not { } ttl || state.CompletionTime is not { } done) return ReconcileResult.Done;
        if (now < done + ttl) return ReconcileResult.After(done + ttl - now);
        try
        {
            if (await store.DeleteAsync(pass.Key, pass.Stored.Version, ct))
                await recorder.NormalAsync(pass.Key, JobReasons.Expired, JobIntake.ExpiredMessage(ttl, pass.Doc.Metadata.Annotations?.GetValueOrDefault(JobAnnotations.QueueMessageId)), ct);
        }
        catch (ConcurrencyException)
        {
            return ReconcileResult.After(TimeSpan.FromSeconds(1));
        }
        return ReconcileResult.Done;
    }

    /// <summary>Throttling and 5xx only slow a Job down: look again a little later.</summary>
    private ReconcileResult ThrottledRetry(ResourceKey key, JobState state, AwsApiException e, DateTimeOffset now)
    {
        var delay = Backoff.Jittered(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20), state.LaunchTry, state.Uid + e.Code + now.Ticks);
        Log.Throttled(logger, delay);
        return ReconcileResult.After(delay);
    }

    private ReconcileResult Poll(JobState state, JobPolicy policy, DateTimeOffset now) => After(options.PollInterval, state, policy, now);

    private static ReconcileResult After(TimeSpan delay, JobState state, JobPolicy policy, DateTimeOffset now)
    {
        if (JobLifecycle.Deadline(state, policy) is { } deadline && deadline - now < delay) delay = deadline - now;
        return ReconcileResult.After(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
    }

    /// <summary>Writes the status for the manifest read in this pass, then records an event when the phase or reason moved.</summary>
    private async Task<bool> SaveAsync(Pass pass, JobState state, CancellationToken ct)
    {
        state = state with { ObservedGeneration = pass.Stored.Generation };
        if (await statusWriter.WriteAsync(pass.Written, state.ToStatus(), ct) is not { } written) return false;
        pass.Written = written;
        var before = pass.Saved;
        pass.Saved = state;
        if (state.Reason is { } reason && (before is null || before.Reason != reason || before.Message != state.Message || before.Phase != state.Phase))
        {
            Log.Transition(logger, state.Phase, state.Reason, state.Message);
            var type = state.Phase == JobPhases.Failed || reason is JobReasons.Placement or JobReasons.HostLost or JobReasons.Retrying or JobReasons.AppNotReady
                ? ResourceEvent.Warning : ResourceEvent.Normal;
            await recorder.RecordAsync(pass.Key, type, reason, state.Message ?? "", ct);
        }
        return true;
    }

    private async Task StopTaskAsync(string cluster, string taskArn, string reason, CancellationToken ct)
    {
        try
        {
            await ecs.SendAsync(EcsAction.StopTask, new() { ["cluster"] = cluster, ["task"] = taskArn, ["reason"] = reason }, ct);
        }
        catch (AwsApiException e) when (e.Kind is AwsErrorKind.NotFound or AwsErrorKind.InvalidParameter)
        {
            // Already gone: nothing left to stop.
        }
    }

    private sealed class Pass(ResourceKey key, StoredResource stored, ResourceDocument doc, JobSpec spec, JobPolicy policy)
    {
        public ResourceKey Key { get; } = key;
        /// <summary>The item as read; its version is what a deletion is conditional on.</summary>
        public StoredResource Stored { get; } = stored;

        /// <summary>The item with the status this pass last wrote, which the next write is compared with.</summary>
        public StoredResource Written { get; set; } = stored;
        public ResourceDocument Doc { get; } = doc;
        public JobSpec Spec { get; } = spec;
        public JobPolicy Policy { get; } = policy;
        public JobState? Saved { get; set; }
    }
}
