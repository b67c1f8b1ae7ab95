using System.Collections.Concurrent;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Apps;

/// <summary>Finds the ScalePolicy that owns an App's desired count (its <c>targetRef</c> names the App).</summary>
internal sealed class ScalePolicyOwners(IResourceStore store, ResourceInformer informer)
{
    /// <summary>Each policy's targetRef, parsed once per stored item (the informer keeps an unchanged item's instance,
    /// so the item's reference tells whether the entry is current), not once per App reconcile.</summary>
    private readonly ConcurrentDictionary<ResourceKey, (StoredResource Item, string? TargetRef)> targets = new();

    /// <summary>The name of the ScalePolicy in the App's namespace whose targetRef names this App, if any.</summary>
    public async Task<string?> ScaledByAsync(ResourceKey app, CancellationToken ct)
    {
        var policies = informer.HasSynced
            ? informer.List(ResourceKind.ScalePolicy, app.Namespace)
            : await store.ListAsync(ResourceKind.ScalePolicy, app.Namespace, ct);
        string? found = null;
        foreach (var p in policies)
        {
            if (found is null && TargetRefOf(p) == app.Name) found = p.Key.Name;
        }
        if (targets.Keys.Count(k => k.Namespace == app.Namespace) > policies.Count) Forget(app.Namespace, policies);
        return found;
    }

    private string? TargetRefOf(StoredResource policy)
    {
        if (targets.TryGetValue(policy.Key, out var known) && ReferenceEquals(known.Item, policy)) return known.TargetRef;
        var parsed = ManifestParser.ParseSingle(policy.Manifest, policy.Key.Pk);
        var target = parsed.Ok ? parsed.Documents[0].Spec.Str("targetRef") : null;
        targets[policy.Key] = (policy, target);
        return target;
    }

    /// <summary>Drops the entries of policies in <paramref name="ns"/> that are gone, so the cache holds only live policies.</summary>
    private void Forget(string ns, IReadOnlyCollection<StoredResource> current)
    {
        var live = current.Select(p => p.Key).ToHashSet();
        foreach (var key in targets.Keys.Where(k => k.Namespace == ns && !live.Contains(k)))
            targets.TryRemove(key, out _);
    }
}
