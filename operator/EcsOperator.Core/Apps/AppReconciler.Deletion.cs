using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Apps;

public sealed partial class AppReconciler
{
    /// <summary>The App's item carries the deletion mark: removes its service (unless its deletionPolicy is Retain) and
    /// its revisions, then the item itself, like a Kubernetes finalizer. An explicit request: no mass-deletion guard.</summary>
    private async Task<ReconcileResult> FinalizeAsync(StoredResource item, CancellationToken ct)
    {
        await RemoveServiceAsync(item.Key, ct);
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
    private async Task<ReconcileResult> OrphanedAsync(ResourceKey key, CancellationToken ct)
    {
        if (!options.DeleteOrphans)
        {
            if (await FindOwnedServiceAsync(key, ct) is var (c, s))
            {
                var name = s.Str("serviceName")!;
                var epoch = AppTags.Read(s.Arr("tags")).GetValueOrDefault(OperatorTags.StoreEpoch);
                Log.Orphan(logger, name, c);
                await RecordAsync(key, ResourceEvent.Warning, "Orphaned",
                    $"{key.Pk} is not in the store but service {name} in cluster {c} carries its owner tag" +
                    (epoch is null ? "" : $" (store epoch {epoch}{(epoch == options.StoreEpoch ? ", this store" : ", another store")})") +
                    "; left alone (restore the App, or apply it and delete it with ecsctl delete to remove the service)", ct);
            }
            return ReconcileResult.Done;
        }
        if (informer.RemovedAt(key) is { } gone && time.GetUtcNow() - gone < options.DeletionGracePeriod)
            return ReconcileResult.After(options.DeletionGracePeriod - (time.GetUtcNow() - gone));
        if (await FindOwnedServiceAsync(key, ct) is not var (cluster, svc)) return ReconcileResult.Done;
        var (managed, orphans) = await CountOrphansAsync(cluster, ct);
        if (orphans > options.MassDeletionThreshold * managed)
        {
            Log.MassDeletionBlocked(logger, cluster, orphans, managed);
            await RecordAsync(key, ResourceEvent.Warning, "MassDeletionBlocked",
                $"not deleting service {svc.Str("serviceName")}: {orphans} of {managed} managed services in cluster {cluster} have no App " +
                $"(more than {options.MassDeletionThreshold:P0}); restore the Apps, or mark them for deletion with ecsctl delete", ct);
            return ReconcileResult.After(options.BlockedRetryInterval);
        }
        await RemoveServiceAsync(key, ct);
        return ReconcileResult.Done;
    }

    /// <summary>The tags an object gets when the reconciler creates it: <paramref name="tags"/> plus this store's epoch.
    /// (Later tag updates leave the epoch as it is: TagResource only adds and overwrites the keys it names.)</summary>
    private Dictionary<string, string> WithEpoch(IReadOnlyDictionary<string, string> tags)
    {
        var all = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        if (options.StoreEpoch is { } epoch) all[OperatorTags.StoreEpoch] = epoch;
        return all;
    }

    /// <summary>Finds the service the App owns by its owner tag and, unless the policy kept on the service says Retain,
    /// scales it to 0, deletes it and deregisters the family's revisions the App owned.</summary>
    private async Task RemoveServiceAsync(ResourceKey key, CancellationToken ct)
    {
        if (await FindOwnedServiceAsync(key, ct) is not var (cluster, svc))
        {
            await ReleaseFamilyAsync(key, key.Name, ct);
            return;
        }
        var serviceName = svc.Str("serviceName")!;
        var tags = AppTags.Read(svc.Arr("tags"));
        if (OperatorTags.IsOtherEpoch(tags, options.StoreEpoch))
        {
            // Created by the operator of another store (a newer table, a restored backup): not ours to delete.
            var message = $"service {serviceName} in cluster {cluster} was created by the operator of another store " +
                $"(store epoch {tags[OperatorTags.StoreEpoch]}, this store is {options.StoreEpoch}); left alone";
            Log.OtherEpoch(logger, serviceName, cluster, tags[OperatorTags.StoreEpoch]);
            await RecordAsync(key, ResourceEvent.Warning, "OtherStoreEpoch", message, ct);
            return;
        }
        if (tags.GetValueOrDefault(AppTags.DeletionPolicy) == nameof(Model.DeletionPolicy.Retain))
        {
            await ReleaseFamilyAsync(key, tags.GetValueOrDefault(AppTags.Family), ct);
            tags[OperatorTags.Managed] = "false";
            await ecs.SendAsync(EcsAction.TagResource, new JsonObject { ["resourceArn"] = svc.Str("serviceArn"), ["tags"] = AppTags.Write(tags) }, ct);
            services.Invalidate(cluster, serviceName);
            await RecordAsync(key, ResourceEvent.Normal, "Retained", $"App deleted; service {serviceName} in cluster {cluster} is kept (deletionPolicy Retain) and no longer managed", ct);
            return;
        }
        // A DAEMON service takes no desiredCount; deleting it stops its tasks.
        if ((svc.Int("desiredCount") ?? 0) > 0 && !ServiceFields.IsDaemon(svc))
            await ecs.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = cluster, ["service"] = serviceName, ["desiredCount"] = 0 }, ct);
        try
        {
            await ecs.SendAsync(EcsAction.DeleteService, new JsonObject { ["cluster"] = cluster, ["service"] = serviceName, ["force"] = true }, ct);
        }
        catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound || e.Code == "ServiceNotActiveException")
        {
            // deleted meanwhile
        }
        services.Invalidate(cluster, serviceName);
        Log.ServiceDeleted(logger, serviceName, cluster);
        var deregistered = await DeregisterFamilyAsync(key, tags.GetValueOrDefault(AppTags.Family) ?? key.Name, ct);
        await RecordAsync(key, ResourceEvent.Normal, "ServiceDeleted",
            $"App deleted: service {serviceName} in cluster {cluster} scaled to 0 and deleted, {deregistered} revision(s) deregistered", ct);
        await ReleaseFamilyAsync(key, tags.GetValueOrDefault(AppTags.Family) ?? key.Name, ct);
    }

    private IEnumerable<string> ClustersToSearch() =>
        services.KnownClusters.Concat(options.Clusters).Distinct(StringComparer.Ordinal);

    private async Task<(string Cluster, JsonObject Service)?> FindOwnedServiceAsync(ResourceKey key, CancellationToken ct)
    {
        foreach (var cluster in ClustersToSearch())
        {
            IReadOnlyCollection<JsonObject> list;
            try
            {
                list = await services.ListServicesAsync(cluster, ct);
            }
            catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                continue;
            }
            foreach (var svc in list)
            {
                var tags = AppTags.Read(svc.Arr("tags"));
                if (svc.Str("status") == "ACTIVE" && AppTags.IsManaged(tags) && AppTags.Owner(tags) == key.Pk)
                {
                    // the snapshot may be older than the last write: read this one service fresh
                    var fresh = await services.GetServiceAsync(cluster, svc.Str("serviceName")!, ct);
                    if (fresh is not null && fresh.Str("status") == "ACTIVE" && AppTags.Owner(AppTags.Read(fresh.Arr("tags"))) == key.Pk
                        && AppTags.IsManaged(AppTags.Read(fresh.Arr("tags"))))
                        return (cluster, fresh);
                }
            }
        }
        return null;
    }

    /// <summary>Managed App services in the cluster, and how many of them have no App in the store.</summary>
    private async Task<(int Managed, int Orphans)> CountOrphansAsync(string cluster, CancellationToken ct)
    {
        var managed = 0;
        var orphans = 0;
        foreach (var svc in await services.ListServicesAsync(cluster, ct))
        {
            var tags = AppTags.Read(svc.Arr("tags"));
            if (svc.Str("status") != "ACTIVE" || !AppTags.IsManaged(tags) || !ResourceKey.TryParse(AppTags.Owner(tags), out var owner)
                || owner.Kind != ResourceKind.App) continue;
            managed++;
            var present = informer.HasSynced ? informer.Get(owner) is not null : await store.GetAsync(owner, ct) is not null;
            if (!present) orphans++;
        }
        return (managed, orphans);
    }

    private async Task<int> DeregisterFamilyAsync(ResourceKey key, string family, CancellationToken ct)
    {
        var count = 0;
        foreach (var arn in (await ecs.ListTaskDefinitionsAsync(family, "ACTIVE", ct)).Where(a => FamilyOf(a) == family))
        {
            if (await taskDefinitions.GetNormalizedAsync(arn, ct) is not { } td || AppTags.Owner(td.Tags) != key.Pk
                || OperatorTags.IsOtherEpoch(td.Tags, options.StoreEpoch)) continue;
            await ecs.SendAsync(EcsAction.DeregisterTaskDefinition, new JsonObject { ["taskDefinition"] = arn }, ct);
            count++;
        }
        return count;
    }
}
