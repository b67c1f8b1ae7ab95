using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Controller;

/// <summary>
/// The one way status reaches the store. A status is a typed record (<see cref="StatusJson"/>); a write is conditional
/// on the manifest it describes (<see cref="IResourceStore.UpdateStatusAsync"/>), so it never resurrects a deleted item
/// or lands on a newer manifest, and it is skipped when the status did not change.
/// </summary>
public sealed class StatusWriter(IResourceStore store)
{
    /// <summary>How often <see cref="UpdateAsync{T}"/> reads again after the item changed under it.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The status stored on <paramref name="item"/>, as <typeparamref name="T"/> (null when none or unreadable).</summary>
    public static T? Read<T>(StoredResource item) where T : class => StatusJson.Read<T>(item.Status);

    /// <summary>
    /// A reconcile pass's write: <paramref name="status"/> for the manifest <paramref name="item"/> holds (the item the
    /// pass read), skipped when it equals the status <paramref name="item"/> holds. Returns the item with the status now
    /// stored, for the pass's next write to compare against (its <see cref="StoredResource.Version"/> stays the one read:
    /// a status write changes the stored version). Returns null when the item was deleted or its manifest changed since
    /// it was read: the pass's view is stale, and the reconcile that the change queued starts over.
    /// </summary>
    public async Task<StoredResource?> WriteAsync<T>(StoredResource item, T status, CancellationToken ct) where T : class
    {
        var json = StatusJson.Write(status);
        if (json.JsonEquals(item.Status)) return item;
        return await store.UpdateStatusAsync(item.Key, item.ManifestHash, json, ct) ? item with { Status = json } : null;
    }

    /// <summary>
    /// Read, change, conditional write: reads the item fresh, asks <paramref name="change"/> for its new status (null:
    /// leave it), writes it for the manifest read. When the item changed between the read and the write, reads and
    /// changes again (at most <see cref="MaxAttempts"/> times). Returns the status written (or kept), or null when the
    /// item is absent, <paramref name="change"/> declined, or every attempt lost to a concurrent change.
    /// </summary>
    public async Task<T?> UpdateAsync<T>(ResourceKey key, Func<StoredResource, T?, T?> change, CancellationToken ct) where T : class
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var item = await store.GetAsync(key, ct);
            if (item is null) return null;
            if (change(item, Read<T>(item)) is not { } updated) return null;
            if (await WriteAsync(item, updated, ct) is not null) return updated;
        }
        return null;
    }
}
