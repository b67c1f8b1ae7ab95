using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Jobs;

public sealed partial class PreDeployHookRunner
{
    /// <summary>
    /// Hook Jobs of this many rollouts of an App are kept: the current one (its gate reads them) and the previous one
    /// (its exit codes and logs stay one command away while the new rollout runs). Older hook Jobs are deleted once
    /// finished, when a rollout creates a hook Job, so the pruning is level-triggered per rollout and a crash only delays
    /// it to the next. A rollout back to a revision whose hook Jobs were pruned runs its hooks again. A still-running
    /// old hook Job is left alone (its rollout was superseded; it ends by itself or by its timeout).
    /// </summary>
    public const int KeptRollouts = 2;

    private async Task PruneAsync(ResourceKey app, string currentTaskDefinitionArn, CancellationToken ct)
    {
        var prefix = app.Pk + "#";
        var rollouts = (await store.ListAsync(ResourceKind.Job, app.Namespace, ct))
            .Select(job => (Job: job, Annotations: ManifestAnnotations(job)))
            .Where(j => j.Annotations.TryGetValue(HookOfAnnotation, out var of) && of.StartsWith(prefix, StringComparison.Ordinal)
                && j.Annotations.ContainsKey(JobAnnotations.TaskDefinition))
            .GroupBy(j => j.Annotations[JobAnnotations.TaskDefinition], StringComparer.Ordinal)
            .OrderByDescending(g => g.Key == currentTaskDefinitionArn)
            .ThenByDescending(g => g.Max(j => j.Job.CreatedAt ?? DateTimeOffset.MinValue))
            .ThenByDescending(g => g.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var (job, _) in rollouts.Skip(KeptRollouts).SelectMany(g => g))
        {
            if (JobState.FromJson(job.Status)?.IsFinished != true) continue;
            try
            {
                if (await store.DeleteAsync(job.Key, job.Version, ct)) Log.HookJobPruned(logger, job.Key);
            }
            catch (ConcurrencyException)
            {
                // Changed meanwhile (e.g. its TTL or a user): looked at again at the next rollout.
            }
        }
    }

    private static IReadOnlyDictionary<string, string> ManifestAnnotations(StoredResource job)
    {
        var parsed = Manifests.ManifestParser.ParseSingle(job.Manifest, job.Key.Pk);
        return parsed.Ok ? parsed.Documents[0].Metadata.Annotations ?? new Dictionary<string, string>() : new Dictionary<string, string>();
    }
}
