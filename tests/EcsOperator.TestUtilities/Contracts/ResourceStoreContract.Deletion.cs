using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.TestUtilities.Contracts;

public abstract partial class ResourceStoreContract
{
    [SkippableFact]
    public async Task A_deletion_mark_keeps_manifest_and_status_survives_status_writes_and_shows_in_listings()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "leaving");
        var put = await store.PutAsync(key, Manifest(key), Versions.MustNotExist, Ct);
        Assert.True(await store.UpdateStatusAsync(key, put.Resource.ManifestHash, new JsonObject { ["observedGeneration"] = 1 }, Ct));
        Assert.False((await store.GetAsync(key, Ct))!.IsMarkedForDeletion);

        Assert.True(await store.MarkForDeletionAsync(key, Ct));
        var marked = (await store.GetAsync(key, Ct))!;
        Assert.True(marked.IsMarkedForDeletion);
        Assert.Equal(put.Resource.Manifest, marked.Manifest);
        Assert.Equal(1, marked.Generation);
        Assert.NotNull(marked.Status);
        var first = marked.DeletionRequested;

        Assert.True(await store.MarkForDeletionAsync(key, Ct));   // idempotent: the first mark stays
        Assert.Equal(first, (await store.GetAsync(key, Ct))!.DeletionRequested);
        Assert.True(await store.UpdateStatusAsync(key, marked.ManifestHash, new JsonObject { ["observedGeneration"] = 2 }, Ct));
        Assert.True((await store.GetAsync(key, Ct))!.IsMarkedForDeletion);
        Assert.Contains(await store.ListAsync(ResourceKind.App, Ns, Ct), r => r.Key == key && r.IsMarkedForDeletion);

        // the operator's last step: remove the item, pinned to what it read
        var last = (await store.GetAsync(key, Ct))!;
        Assert.True(await store.DeleteAsync(key, last.Version, Ct));
        Assert.Null(await store.GetAsync(key, Ct));
        Assert.False(await store.MarkForDeletionAsync(key, Ct));   // absent: nothing to mark, nothing created
        Assert.Null(await store.GetAsync(key, Ct));
    }
}
