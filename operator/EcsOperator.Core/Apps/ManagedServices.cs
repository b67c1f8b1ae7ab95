using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Apps;

/// <summary>A service the operator manages for an App (its tags say managed, and name the owner).</summary>
internal sealed record ManagedService(string Cluster, JsonObject Service, Dictionary<string, string> Tags)
{
    public string? Owner => AppTags.Owner(Tags);

    public bool IsActive => Service.Str("status") == "ACTIVE";
}

/// <summary>Finds the services Apps own, in every cluster the operator knows of, through the shared service snapshot.</summary>
internal sealed class ManagedServices(ServiceSnapshotCache services, AppReconcilerOptions options)
{
    /// <summary>The clusters searched: those seen so far and those configured (services of an App deleted while the
    /// operator was down are found there).</summary>
    public IEnumerable<string> Clusters => services.KnownClusters.Concat(options.Clusters).Distinct(StringComparer.Ordinal);

    /// <summary>The managed services in every cluster; a cluster that does not exist is skipped.</summary>
    public async IAsyncEnumerable<ManagedService> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var cluster in Clusters)
        {
            IReadOnlyCollection<ManagedService> list;
            try
            {
                list = await ListAsync(cluster, ct);
            }
            catch (AwsApiException e) when (e.Kind == AwsErrorKind.NotFound)
            {
                continue;
            }
            foreach (var svc in list) yield return svc;
        }
    }

    /// <summary>The managed services in one cluster.</summary>
    public async Task<IReadOnlyCollection<ManagedService>> ListAsync(string cluster, CancellationToken ct) =>
    [
        .. (await services.ListServicesAsync(cluster, ct))
            .Select(svc => new ManagedService(cluster, svc, AppTags.Read(svc.Arr("tags"))))
            .Where(m => AppTags.IsManaged(m.Tags)),
    ];

    /// <summary>The ACTIVE service the App <paramref name="key"/> owns, read fresh (the snapshot may be older than the
    /// last write), or null.</summary>
    public async Task<ManagedService?> FindOwnedAsync(ResourceKey key, CancellationToken ct)
    {
        await foreach (var m in ListAsync(ct))
        {
            if (!m.IsActive || m.Owner != key.Pk) continue;
            var fresh = await services.GetServiceAsync(m.Cluster, m.Service.Str("serviceName")!, ct);
            if (fresh is null) continue;
            var owned = new ManagedService(m.Cluster, fresh, AppTags.Read(fresh.Arr("tags")));
            if (owned.IsActive && owned.Owner == key.Pk && AppTags.IsManaged(owned.Tags)) return owned;
        }
        return null;
    }
}
