using System.Security.Cryptography;

namespace EcsOperator.Core.Store;

/// <summary>
/// The store's identity: a random id written once, when the store is made (<c>ecs-operator init</c>, or the first
/// operator start on a store without one), on the condition that none exists. The operator tags what it creates in ECS
/// with it (<see cref="Aws.OperatorTags.StoreEpoch"/>) and never deletes an object tagged with another epoch: a store
/// restored from an old backup, re-created, or simply the wrong one, pointed at a cluster, must not remove what the
/// current store's operator made there.
/// </summary>
public interface IStoreEpochStore
{
    /// <summary>The epoch, or null when the store has none yet. Writes nothing.</summary>
    Task<string?> ReadEpochAsync(CancellationToken ct);

    /// <summary>The epoch, writing a new random one first (conditional on absence) when there is none. Of two
    /// concurrent callers on an epoch-less store, both get the one that was written.</summary>
    Task<string> EnsureEpochAsync(CancellationToken ct);
}

public static class StoreEpochs
{
    /// <summary>A new random epoch: 16 lowercase hex digits (fits an ECS tag value).</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
