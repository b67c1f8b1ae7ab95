using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Apps;

/// <summary>
/// After each complete store listing: reads every known cluster through the shared snapshot (the pass's one batched
/// read, no extra calls) and names the Apps that own managed services, so an App deleted while the operator was down is still cleaned up.
/// </summary>
public sealed class AppOrphanFinder(ServiceSnapshotCache services, AppReconcilerOptions options) : IOrphanFinder
{
    private readonly ManagedServices managed = new(services, options);

    public async Task<IReadOnlyCollection<ResourceKey>> FindOwnersAsync(CancellationToken ct)
    {
        var owners = new HashSet<ResourceKey>();
        await foreach (var svc in managed.ListAsync(ct))
        {
            if (ResourceKey.TryParse(svc.Owner, out var owner) && owner.Kind == ResourceKind.App) owners.Add(owner);
        }
        return owners;
    }
}
