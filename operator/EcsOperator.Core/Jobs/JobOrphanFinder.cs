using System.Text.Json;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// After each complete store listing: names the Jobs that own running tasks (owner tag <c>ecs.operator/owner</c> =
/// <c>Job/&lt;ns&gt;/&lt;name&gt;</c>), and hands the tasks to the shared <see cref="JobTaskTracker"/>. The runtime
/// enqueues the owners missing from the store, whose reconcile then stops the tasks, so a Job deleted while the
/// operator was down (or before this process saw its task) is still cleaned up. Batched: one paged ListTasks of running
/// tasks and DescribeTasks of 100 per call, per cluster. Clusters: those the tracker has seen, those named by Apps and
/// Jobs in the store, and <paramref name="clusters"/>. A task tagged with another store's epoch
/// (<see cref="JobsOptions.StoreEpoch"/>) was started by another store's operator: it is not handed over, so never stopped.
/// </summary>
public sealed class JobOrphanFinder(IEcsApi ecs, IResourceStore store, JobTaskTracker tracker, IEnumerable<string>? clusters = null,
    JobsOptions? options = null) : IOrphanFinder
{
    public async Task<IReadOnlyCollection<ResourceKey>> FindOwnersAsync(CancellationToken ct)
    {
        var owners = new HashSet<ResourceKey>();
        foreach (var cluster in await ClustersAsync(ct))
        {
            IReadOnlyList<string> arns;
            try
            {
                arns = await ecs.ListTasksAsync(cluster, ct, desiredStatus: "RUNNING");
            }
            catch (AwsApiException e) when (e.Kind is AwsErrorKind.NotFound or AwsErrorKind.InvalidParameter)
            {
                continue;
            }
            if (arns.Count == 0) continue;
            var (tasks, _) = await ecs.DescribeTasksAsync(cluster, arns, ct);
            foreach (var task in tasks)
            {
                if (JobTaskTracker.OwnerOf(task) is not { } owner || task.Str("lastStatus") is "STOPPED"
                    || OperatorTags.IsOtherEpoch(Apps.AppTags.Read(task.Arr("tags")), options?.StoreEpoch)) continue;
                tracker.Observe(cluster, task);
                owners.Add(owner);
            }
        }
        return owners;
    }

    private async Task<IReadOnlyList<string>> ClustersAsync(CancellationToken ct)
    {
        var found = new HashSet<string>(tracker.KnownClusters.Concat(clusters ?? []), StringComparer.Ordinal);
        foreach (var item in await store.ListAsync(ResourceKind.App, null, ct)) AddCluster(found, item);
        foreach (var item in await store.ListAsync(ResourceKind.Job, null, ct)) AddCluster(found, item);
        return [.. found.Order(StringComparer.Ordinal)];
    }

    /// <summary>The cluster a manifest names (Jobs without one take their App's); unreadable manifests are skipped.</summary>
    private static void AddCluster(HashSet<string> found, StoredResource item)
    {
        if (item.Key.Kind == ResourceKind.Job && JobState.FromJson(item.Status)?.Cluster is { Length: > 0 } running) found.Add(running);
        var parsed = ManifestParser.ParseSingle(item.Manifest, item.Key.Pk);
        if (!parsed.Ok) return;
        var spec = parsed.Documents[0].Spec;
        try
        {
            var cluster = item.Key.Kind == ResourceKind.App ? spec.Deserialize<AppSpec>(ManifestJson.Options)?.Cluster : spec.Deserialize<JobSpec>(ManifestJson.Options)?.Cluster;
            if (!string.IsNullOrEmpty(cluster)) found.Add(cluster);
        }
        catch (JsonException)
        {
            // A spec the reconciler reports as invalid names no cluster here.
        }
    }
}
