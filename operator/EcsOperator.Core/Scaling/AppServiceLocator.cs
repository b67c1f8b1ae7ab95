using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Scaling;

/// <summary>An App's live ECS service, or why there is none the operator may touch.</summary>
internal sealed record AppTarget(AppSpec? Spec, string Cluster, string ServiceName, JsonObject? Service, string? ProblemReason, string Message)
{
    public bool Ok => ProblemReason is null && Service is not null;
}

/// <summary>Finds the service an App owns: the one tagged with the App's key as owner (or, failing that, named like the
/// App's <c>service.serviceName</c> or its name and tagged as its own). Untagged or foreign services are never touched.</summary>
internal sealed class AppServiceLocator(IResourceStore store, ServiceSnapshotCache services)
{
    public async Task<AppTarget> FindAsync(ResourceKey appKey, CancellationToken ct)
    {
        var item = await store.GetAsync(appKey, ct);
        if (item is null) return new AppTarget(null, "", "", null, "TargetNotFound", $"App {appKey} does not exist");
        if (!ManifestLoader.TryLoad<AppSpec>(item, out var loaded, out var problem))
            return new AppTarget(null, "", "", null, "TargetInvalid", $"App {appKey} is invalid: {problem.Message}");

        var spec = loaded.Spec;
        var cluster = spec.Cluster;
        var all = await services.ListServicesAsync(cluster, ct);
        var owned = all.FirstOrDefault(s => OperatorTags.OwnerOf(s) == appKey.Pk);
        var name = owned?.Str("serviceName") ?? spec.Service.Str("serviceName") ?? appKey.Name;
        var live = await services.GetServiceAsync(cluster, name, ct);
        if (live is null)
            return new AppTarget(spec, cluster, name, null, "ServiceNotFound", $"App {appKey} has no service in cluster {cluster} yet");
        if (OperatorTags.OwnerOf(live) != appKey.Pk)
            return new AppTarget(spec, cluster, name, null, "ServiceNotOwned",
                $"service {name} in cluster {cluster} is not tagged {OperatorTags.Owner}={appKey.Pk}: left alone");
        return new AppTarget(spec, cluster, name, live, null, "");
    }

    public void Written(AppTarget target) => services.Invalidate(target.Cluster, target.ServiceName);
}
