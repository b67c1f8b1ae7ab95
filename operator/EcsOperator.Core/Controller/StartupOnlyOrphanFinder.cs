using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Controller;

/// <summary>
/// Runs a finder that is costly per resync (one that describes every running task, say) only until it has succeeded
/// once in this process. That covers what it exists for — owners deleted while no operator ran, found at start or on
/// failover to a new process — while owners deleted during this process's life are seen by their own reconciles.
/// </summary>
public sealed class StartupOnlyOrphanFinder(IOrphanFinder inner) : IOrphanFinder
{
    private volatile bool _done;

    public async Task<IReadOnlyCollection<ResourceKey>> FindOwnersAsync(CancellationToken ct)
    {
        if (_done) return [];
        var owners = await inner.FindOwnersAsync(ct);
        _done = true;
        return owners;
    }
}
