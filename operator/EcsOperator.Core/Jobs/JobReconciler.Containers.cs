using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;

namespace EcsOperator.Core.Jobs;

public sealed partial class JobReconciler
{
    /// <summary>How long a finished Job keeps looking at its stopping task for the exit codes of its other containers.</summary>
    private static readonly TimeSpan ContainerSettleTime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A Job ended by its container's exit has stopped the rest of the task; the other containers' exit codes (143 for a
    /// web server stopped with SIGTERM, say) arrive once the task has stopped and are recorded for reference. They never
    /// change the outcome. Returns when to look again, or null when there is nothing (more) to record.
    /// </summary>
    private async Task<ReconcileResult?> SettleContainersAsync(Pass pass, JobState state, DateTimeOffset now, CancellationToken ct)
    {
        if (state.Current is not { TaskArn: { } arn, Containers: { } containers } run || state.Cluster is not { } cluster
            || containers.All(c => c.LastStatus is "STOPPED") || now - (state.CompletionTime ?? now) > ContainerSettleTime)
            return null;
        TrackedTask tracked;
        try
        {
            tracked = await tracker.GetAsync(cluster, arn, ct);
        }
        catch (AwsApiException e) when (e.IsTransient)
        {
            return ThrottledRetry(pass.Key, state, e, now);
        }
        if (tracked.Task is { } task && StoppedTask.From(task, state.Container) is { IsStopped: false })
            return ReconcileResult.After(options.PollInterval);
        tracker.Forget(cluster, arn);
        if (tracked.Task is not { } stopped) return null;
        state = state.WithRun(run with { Containers = StoppedTask.From(stopped, state.Container).Containers });
        return await SaveAsync(pass, state, ct) ? null : ReconcileResult.Done;
    }
}
