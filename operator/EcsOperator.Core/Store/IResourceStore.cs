using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Store;

/// <summary>
/// The desired-state store. Implemented by the local directory store and the
/// DynamoDB store; both pass <c>ResourceStoreContract</c> in the test utilities.
/// </summary>
public interface IResourceStore
{
    /// <summary>The item, or null when there is none.</summary>
    Task<StoredResource?> GetAsync(ResourceKey key, CancellationToken ct);

    /// <summary>
    /// Every item of a kind (or all kinds when null), optionally one namespace, ordered by key.
    /// Complete or throws: a failed or throttled page fails the whole listing, never a partial list.
    /// </summary>
    Task<IReadOnlyList<StoredResource>> ListAsync(ResourceKind? kind, string? @namespace, CancellationToken ct);

    /// <summary>
    /// Writes the manifest text. <paramref name="expectedVersion"/>: null = unconditional;
    /// <see cref="Versions.MustNotExist"/> = create only; otherwise the <see cref="StoredResource.Version"/> read before.
    /// A manifest identical to the stored one is a no-op returning the stored item (outcome Unchanged).
    /// A changed manifest bumps the generation and clears nothing else: status stays until the operator writes a new one.
    /// Throws <see cref="ConcurrencyException"/> when the precondition fails.
    /// </summary>
    Task<PutResult> PutAsync(ResourceKey key, string manifest, string? expectedVersion, CancellationToken ct);

    /// <summary>
    /// Writes the status for the manifest the operator read. Succeeds only while the item still exists and its
    /// manifest hash equals <paramref name="manifestHash"/>: a status write never resurrects a deleted item and
    /// never lands on a newer manifest. Returns false (no exception) when the condition fails.
    /// </summary>
    Task<bool> UpdateStatusAsync(ResourceKey key, string manifestHash, JsonObject status, CancellationToken ct);

    /// <summary>
    /// Marks the item for deletion (<see cref="StoredResource.DeletionRequested"/>): the operator removes what the
    /// document made (ECS services, tasks, scaling registrations) and then deletes the item, like a Kubernetes finalizer.
    /// The manifest, generation and status stay. Idempotent: an existing mark is kept. Returns false when the item is absent.
    /// </summary>
    Task<bool> MarkForDeletionAsync(ResourceKey key, CancellationToken ct);

    /// <summary>Deletes the item; <paramref name="expectedVersion"/> null = unconditional. Returns false when absent.
    /// Throws <see cref="ConcurrencyException"/> when the item exists with another version.</summary>
    Task<bool> DeleteAsync(ResourceKey key, string? expectedVersion, CancellationToken ct);

    /// <summary>
    /// Keys that changed, as soon as the store can tell (local: file-system notifications and polling;
    /// DynamoDB: Streams). Best effort: consumers also resync with <see cref="ListAsync"/> periodically.
    /// Runs until cancelled.
    /// </summary>
    IAsyncEnumerable<ResourceKey> WatchAsync(CancellationToken ct) => WatchAsync(null, ct);

    /// <summary>
    /// As <see cref="WatchAsync(CancellationToken)"/>; <paramref name="established"/> is called once the watch is in
    /// place (the enumeration has started and positioned itself), so that every write completed after the call is
    /// reported. A listing started after that call and this watch together miss nothing. When the store cannot
    /// establish a watch at all it still calls <paramref name="established"/> (the caller then relies on listings).
    /// </summary>
    IAsyncEnumerable<ResourceKey> WatchAsync(Action? established, CancellationToken ct);
}

public enum PutOutcome { Created, Configured, Unchanged }

public sealed record PutResult(PutOutcome Outcome, StoredResource Resource);

public static class Versions
{
    /// <summary>Pass as the expected version to create only when the item is absent.</summary>
    public const string MustNotExist = "<absent>";
}

/// <summary>An optimistic-concurrency precondition failed: someone else wrote the item first.</summary>
public sealed class ConcurrencyException(ResourceKey key, string message) : Exception($"{key}: {message}")
{
    public ResourceKey Key { get; } = key;
}
