using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

/// <summary>
/// What happens to an App's ECS objects when the App goes: deleted like a Kubernetes finalizer when the App is marked
/// for deletion; reported, and deleted only when configured and guarded, when the App is simply missing (an orphan).
/// </summary>
internal sealed class AppDeletion(IResourceStore store, ResourceInformer informer, ManagedServices managed, ServiceRemoval removal,
    EventRecorder events, AppReconcilerOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>The App's item carries the deletion mark: removes its service (unless its deletionPolicy is Retain) and
    /// its revisions, then the item itself. An explicit request: no mass-deletion guard.</summary>
    public async Task<ReconcileResult> FinalizeAsync(StoredResource item, CancellationToken ct)
    {
        await removal.RemoveAsync(item.Key, ct);
        await store.DeleteAsync(item.Key, item.Version, ct);
        Log.Finalized(logger, item.Key);
        return ReconcileResult.Done;
    }

    /// <summary>
    /// The App is simply gone from the store (never marked): an orphan. A store that comes back empty or different (a
    /// restore gone wrong, a wrong table name) must delete nothing, so by default the service is reported (an event on
    /// the App's key, a log line) and left alone. Only with <see cref="AppReconcilerOptions.DeleteOrphans"/> is it
    /// deleted, after the grace period and only while the mass-deletion guard allows it.
    /// </summary>
    public async Task<ReconcileResult> OrphanedAsync(ResourceKey key, CancellationToken ct)
    {
        if (!options.DeleteOrphans)
        {
            if (await managed.FindOwnedAsync(key, ct) is { } found)
            {
                var name = found.Service.Str("serviceName")!;
                var epoch = found.Tags.GetValueOrDefault(OperatorTags.StoreEpoch);
                Log.Orphan(logger, name, found.Cluster);
                await events.WarningAsync(key, "Orphaned",
                    $"{key.Pk} is not in the store but service {name} in cluster {found.Cluster} carries its owner tag" +
                    (epoch is null ? "" : $" (store epoch {epoch}{(epoch == options.StoreEpoch ? ", this store" : ", another store")})") +
                    "; left alone (restore the App, or apply it and delete it with ecsctl delete to remove the service)", ct);
            }
            return ReconcileResult.Done;
        }
        if (informer.RemovedAt(key) is { } gone && time.GetUtcNow() - gone < options.DeletionGracePeriod)
            return ReconcileResult.After(options.DeletionGracePeriod - (time.GetUtcNow() - gone));
        if (await managed.FindOwnedAsync(key, ct) is not { } owned) return ReconcileResult.Done;
        var (managedCount, orphans) = await CountOrphansAsync(owned.Cluster, ct);
        if (orphans > options.MassDeletionThreshold * managedCount)
        {
            Log.MassDeletionBlocked(logger, owned.Cluster, orphans, managedCount);
            await events.WarningAsync(key, "MassDeletionBlocked",
                $"not deleting service {owned.Service.Str("serviceName")}: {orphans} of {managedCount} managed services in cluster {owned.Cluster} have no App " +
                $"(more than {options.MassDeletionThreshold:P0}); restore the Apps, or mark them for deletion with ecsctl delete", ct);
            return ReconcileResult.After(options.BlockedRetryInterval);
        }
        await removal.RemoveAsync(key, ct);
        return ReconcileResult.Done;
    }

    /// <summary>Managed App services in the cluster, and how many of them have no App in the store.</summary>
    private async Task<(int Managed, int Orphans)> CountOrphansAsync(string cluster, CancellationToken ct)
    {
        var count = 0;
        var orphans = 0;
        foreach (var svc in await managed.ListAsync(cluster, ct))
        {
            if (!svc.IsActive || !ResourceKey.TryParse(svc.Owner, out var owner) || owner.Kind != ResourceKind.App) continue;
            count++;
            var present = informer.HasSynced ? informer.Get(owner) is not null : await store.GetAsync(owner, ct) is not null;
            if (!present) orphans++;
        }
        return (count, orphans);
    }
}
