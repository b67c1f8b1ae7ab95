using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.TestUtilities.Contracts;

public abstract partial class ResourceStoreContract
{
    [Fact]
    public async Task A_status_write_for_the_current_manifest_succeeds_and_changes_the_version()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "web");
        var put = await store.PutAsync(key, Manifest(key), null, Ct);
        var status = new JsonObject { ["observedGeneration"] = 1, ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Available" }) };
        Assert.True(await store.UpdateStatusAsync(key, put.Resource.ManifestHash, status, Ct));
        var got = await store.GetAsync(key, Ct);
        Assert.True(JsonNode.DeepEquals(status, got!.Status));
        Assert.Equal(1, got.Generation);
        Assert.Equal(Manifest(key), got.Manifest);
        Assert.NotEqual(put.Resource.Version, got.Version);
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.PutAsync(key, Manifest(key, "replicas: 5"), put.Resource.Version, Ct));
    }

    [Fact]
    public async Task A_status_write_for_an_older_manifest_fails_and_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "web");
        var old = await store.PutAsync(key, Manifest(key), null, Ct);
        var current = await store.PutAsync(key, Manifest(key, "replicas: 4"), null, Ct);
        Assert.False(await store.UpdateStatusAsync(key, old.Resource.ManifestHash, new JsonObject { ["stale"] = true }, Ct));
        var got = await store.GetAsync(key, Ct);
        Assert.Null(got!.Status);
        Assert.Equal(current.Resource.Version, got.Version);
    }

    [Fact]
    public async Task A_status_write_never_resurrects_a_deleted_item()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.Job, "gone");
        var put = await store.PutAsync(key, Manifest(key), null, Ct);
        Assert.True(await store.DeleteAsync(key, null, Ct));
        Assert.False(await store.UpdateStatusAsync(key, put.Resource.ManifestHash, new JsonObject { ["phase"] = "Running" }, Ct));
        Assert.Null(await store.GetAsync(key, Ct));
        Assert.DoesNotContain(await store.ListAsync(null, Ns, Ct), r => r.Key == key);
    }

    [Fact]
    public async Task A_recreated_item_starts_again_without_the_old_status()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.Job, "again");
        var put = await store.PutAsync(key, Manifest(key), null, Ct);
        Assert.True(await store.UpdateStatusAsync(key, put.Resource.ManifestHash, new JsonObject { ["phase"] = "Succeeded" }, Ct));
        await store.DeleteAsync(key, null, Ct);
        var again = await store.PutAsync(key, Manifest(key), Versions.MustNotExist, Ct);
        Assert.Equal(PutOutcome.Created, again.Outcome);
        Assert.Null((await store.GetAsync(key, Ct))!.Status);
        Assert.NotEqual(put.Resource.Version, again.Resource.Version);
    }

    [Fact]
    public async Task A_manifest_written_by_hand_is_picked_up_with_a_higher_generation()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "web");
        var put = await store.PutAsync(key, Manifest(key), null, Ct);
        Assert.True(await store.UpdateStatusAsync(key, put.Resource.ManifestHash, new JsonObject { ["observedGeneration"] = 1 }, Ct));
        await RawWriteManifestAsync(key, Manifest(key, "replicas: 7"));

        var got = await store.GetAsync(key, Ct);
        Assert.Equal(Manifest(key, "replicas: 7"), got!.Manifest);
        Assert.True(got.Generation > put.Resource.Generation, $"generation {got.Generation} after a raw write over {put.Resource.Generation}");
        Assert.NotEqual(put.Resource.Version, got.Version);
        Assert.False(await store.UpdateStatusAsync(key, put.Resource.ManifestHash, new JsonObject { ["stale"] = true }, Ct));
        Assert.True(await store.UpdateStatusAsync(key, got.ManifestHash, new JsonObject { ["observedGeneration"] = got.Generation }, Ct));
        var after = await store.GetAsync(key, Ct);
        Assert.Equal(got.Generation, after!.Generation);
        Assert.Equal(got.Generation, (long)after.Status!["observedGeneration"]!);
        var next = await store.PutAsync(key, Manifest(key, "replicas: 8"), after.Version, Ct);
        Assert.Equal(got.Generation + 1, next.Resource.Generation);
    }

    [Fact]
    public async Task An_item_created_by_hand_is_listed_at_generation_1()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.CapacityPool, "hand-made");
        await RawWriteManifestAsync(key, Manifest(key, "buffer: 1"));
        var listed = Assert.Single(await store.ListAsync(ResourceKind.CapacityPool, Ns, Ct));
        Assert.Equal(key, listed.Key);
        Assert.Equal(Manifest(key, "buffer: 1"), listed.Manifest);
        Assert.Equal(1, listed.Generation);
        Assert.Null(listed.Status);
        var same = await store.PutAsync(key, Manifest(key, "buffer: 1"), listed.Version, Ct);
        Assert.Equal(PutOutcome.Unchanged, same.Outcome);
        Assert.True(await store.UpdateStatusAsync(key, listed.ManifestHash, new JsonObject { ["ok"] = true }, Ct));
    }
}
