using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

/// <summary>Removes what a deleted App owned in ECS: its service (or only the operator's hold on it, when the deletion
/// policy kept on the service says Retain), its task-definition revisions, and its family claim.</summary>
internal sealed class ServiceRemoval(IEcsApi ecs, ServiceSnapshotCache services, TaskDefinitionCache taskDefinitions,
    ManagedServices managed, FamilyClaims families, EventRecorder events, AppReconcilerOptions options, ILogger logger)
{
    /// <summary>Finds the service the App owns by its owner tag and, unless the policy kept on the service says Retain,
    /// scales it to 0, deletes it and deregisters the family's revisions the App owned.</summary>
    public async Task RemoveAsync(ResourceKey key, CancellationToken ct)
    {
        if (await managed.FindOwnedAsync(key, ct) is not { } owned)
        {
            await families.ReleaseAsync(key, key.Name, ct);
            return;
        }
        var (cluster, svc, tags) = owned;
        var serviceName = svc.Str("serviceName")!;
        if (OperatorTags.IsOtherEpoch(tags, options.StoreEpoch))
        {
            // Created by the operator of another store (a newer table, a restored backup): not ours to delete.
            var message = $"service {serviceName} in cluster {cluster} was created by the operator of another store " +
                $"(store epoch {tags[OperatorTags.StoreEpoch]}, this store is {options.StoreEpoch}); left alone";
            Log.OtherEpoch(logger, serviceName, cluster, tags[OperatorTags.StoreEpoch]);
            await events.WarningAsync(key, "OtherStoreEpoch", message, ct);
            return;
        }
        if (tags.GetValueOrDefault(AppTags.DeletionPolicy) == nameof(Model.DeletionPolicy.Retain))
        {
            await families.ReleaseAsync(key, tags.GetValueOrDefault(AppTags.Family), ct);
            tags[OperatorTags.Managed] = "false";
            await ecs.SendAsync(EcsAction.TagResource, new JsonObject { ["resourceArn"] = svc.Str("serviceArn"), ["tags"] = AppTags.Write(tags) }, ct);
            services.Invalidate(cluster, serviceName);
            await events.NormalAsync(key, "Retained", $"App deleted; service {serviceName} in cluster {cluster} is kept (deletionPolicy Retain) and no longer managed", ct);
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
        var family = tags.GetValueOrDefault(AppTags.Family) ?? key.Name;
        var deregistered = await DeregisterFamilyAsync(key, family, ct);
        await events.NormalAsync(key, "ServiceDeleted",
            $"App deleted: service {serviceName} in cluster {cluster} scaled to 0 and deleted, {deregistered} revision(s) deregistered", ct);
        await families.ReleaseAsync(key, family, ct);
    }

    private async Task<int> DeregisterFamilyAsync(ResourceKey key, string family, CancellationToken ct)
    {
        var count = 0;
        foreach (var arn in (await ecs.ListTaskDefinitionsAsync(family, "ACTIVE", ct)).Where(a => TaskDefinitionArn.FamilyOf(a) == family))
        {
            if (await taskDefinitions.GetNormalizedAsync(arn, ct) is not { } td || AppTags.Owner(td.Tags) != key.Pk
                || OperatorTags.IsOtherEpoch(td.Tags, options.StoreEpoch)) continue;
            await ecs.SendAsync(EcsAction.DeregisterTaskDefinition, new JsonObject { ["taskDefinition"] = arn }, ct);
            count++;
        }
        return count;
    }
}
