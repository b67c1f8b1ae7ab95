using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Controller;

/// <summary>
/// Finds owners named by live cloud resources (e.g. the owner tag of a managed ECS service). After every complete store
/// listing the runtime asks each finder and enqueues the owners that are not in the store, so a resource deleted while
/// the operator was down still gets the reconcile that cleans up after it.
/// </summary>
public interface IOrphanFinder
{
    Task<IReadOnlyCollection<ResourceKey>> FindOwnersAsync(CancellationToken ct);
}
