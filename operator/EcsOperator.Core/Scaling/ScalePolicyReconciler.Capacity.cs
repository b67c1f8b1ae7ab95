using EcsOperator.Core.Controller;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Scaling;

public sealed partial class ScalePolicyReconciler
{
    /// <summary>
    /// Scale-up waits for capacity: the count may rise only as far as the CapacityPool has planned for this App and
    /// has registered instances for. The pool reads this policy's <c>wantedCount</c>, so it grows first.
    /// </summary>
    private async Task<(int Allowed, string Reason, string Message)> CapacityGateAsync(
        ResourceKey key, string poolName, ResourceKey appKey, int live, int wanted, CancellationToken ct)
    {
        var poolKey = new ResourceKey(ResourceKind.CapacityPool, key.Namespace, poolName);
        var pool = await store.GetAsync(poolKey, ct);
        if (pool is null) return (wanted, "CapacityPoolNotFound", $"{poolKey} does not exist: scaling without waiting for capacity");
        var poolStatus = StatusWriter.Read<CapacityPoolStatus>(pool);
        int? planned = poolStatus?.PlannedFor.TryGetValue(appKey.Pk, out var n) == true ? n : null;
        var ready = poolStatus?.Ready == true;
        if (!ready || planned is null)
            return (live, "WaitingForCapacity", $"{poolKey} has not yet registered capacity for {wanted} task(s) of {appKey}");
        var allowed = Math.Clamp(planned.Value, live, wanted);
        return allowed >= wanted
            ? (wanted, "CapacityAvailable", $"{poolKey} holds {planned} task(s) of {appKey}")
            : (allowed, "WaitingForCapacity", $"{poolKey} holds {planned} of the {wanted} wanted task(s) of {appKey}");
    }
}
