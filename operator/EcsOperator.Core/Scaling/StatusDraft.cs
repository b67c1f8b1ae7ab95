using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Scaling;

/// <summary>
/// One pass's edit of a stored item's status, as the ScalePolicy and CapacityPool reconcilers make it: a copy of the
/// stored status with <c>observedGeneration</c> set, written back only when it differs from what is stored.
/// </summary>
internal sealed class StatusDraft
{
    private readonly StoredResource _item;

    public StatusDraft(StoredResource item)
    {
        _item = item;
        Old = item.Status ?? [];
        Status = Old.DeepClone().AsObject();
        Status["observedGeneration"] = item.Generation;
    }

    /// <summary>The status as stored (empty when there is none); never edited.</summary>
    public JsonObject Old { get; }

    /// <summary>The status this pass writes.</summary>
    public JsonObject Status { get; }

    public async Task SaveAsync(IResourceStore store, CancellationToken ct)
    {
        if (Old.JsonEquals(Status)) return;
        await store.UpdateStatusAsync(_item.Key, _item.ManifestHash, Status, ct);
    }
}
