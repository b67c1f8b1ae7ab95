using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Apps;

/// <summary>
/// After each complete store listing: reads every known cluster through the shared snapshot (the pass's one batched
/// read, no extra calls) and names the Apps that own managed services, so an App deleted while the operator was down is still cleaned up.
/// </summary>
public sealed class AppOrphanFinder(ServiceSnapshotCache services, AppReconcilerOptions options) : IOrphanFinder
{
    public async Task<IReadOnlyCollection<ResourceKey>> FindOwnersAsync(CancellationToken ct)
    {
        var owners = new HashSet<ResourceKey>();
        foreach (var cluster in services.KnownClusters.Concat(options.Clusters).Distinct(StringComparer.Ordinal))
        {
            IReadOnlyCollection<System.Text.Json.Nodes.JsonObject> list;
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
                if (AppTags.IsManaged(tags) && ResourceKey.TryParse(AppTags.Owner(tags), out var owner) && owner.Kind == ResourceKind.App)
                    owners.Add(owner);
            }
        }
        return owners;
    }
}
