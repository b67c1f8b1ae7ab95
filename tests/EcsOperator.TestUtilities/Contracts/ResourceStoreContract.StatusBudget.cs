using System.Text.Json.Nodes;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.TestUtilities.Contracts;

public abstract partial class ResourceStoreContract
{
    /// <summary>A status of <paramref name="bytes"/> bytes of JSON (give or take a few).</summary>
    private static JsonObject StatusOf(int bytes) => new() { ["observedGeneration"] = 1, ["note"] = new string('s', bytes - 40) };

    [SkippableFact]
    public async Task The_largest_document_leaves_room_for_the_largest_status()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "biggest");
        var manifest = Manifest(key, "padding: \"" + new string('m', ManifestLimits.MaxDocumentBytes - 200) + "\"");
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(manifest), ManifestLimits.MaxDocumentBytes - 100, ManifestLimits.MaxDocumentBytes);
        var stored = await store.PutAsync(key, manifest, Versions.MustNotExist, Ct);

        Assert.True(await store.UpdateStatusAsync(key, stored.Resource.ManifestHash, StatusOf(ManifestLimits.MaxStatusBytes - 10), Ct));
        Assert.InRange((await store.GetAsync(key, Ct))!.Status!.ToJsonString().Length, ManifestLimits.MaxStatusBytes - 30, ManifestLimits.MaxStatusBytes);
    }

    [SkippableFact]
    public async Task A_status_over_the_budget_is_refused_as_too_large_and_the_old_one_stays()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "chatty");
        var stored = await store.PutAsync(key, Manifest(key), Versions.MustNotExist, Ct);
        Assert.True(await store.UpdateStatusAsync(key, stored.Resource.ManifestHash, new JsonObject { ["observedGeneration"] = 1 }, Ct));

        var e = await Assert.ThrowsAsync<StatusTooLargeException>(() =>
            store.UpdateStatusAsync(key, stored.Resource.ManifestHash, StatusOf(ManifestLimits.MaxStatusBytes + 100), Ct));
        Assert.Equal(key, e.Key);
        Assert.Equal(1, (await store.GetAsync(key, Ct))!.Status!["observedGeneration"]!.GetValue<int>());
    }
}
