using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.TestUtilities.Contracts;

/// <summary>
/// What every <see cref="IResourceStore"/> must do, written only against the port.
/// Derive, pass <see cref="Time"/> to the store, and implement the factory and the raw-write hook.
/// Tests use a namespace of their own (<see cref="Ns"/>), so one table or directory may serve many tests.
/// </summary>
public abstract partial class ResourceStoreContract
{
    protected FakeTimeProvider Time { get; } = ContractClock.Create();

    protected string Ns { get; } = ContractClock.UniqueNamespace();

    protected abstract Task<IResourceStore> CreateStoreAsync();

    /// <summary>Writes only the manifest, as a user would by hand, leaving any operator fields where they are
    /// (local: overwrite the item's file; DynamoDB: <c>update-item SET manifest = :m</c>, or put-item when absent).</summary>
    protected abstract Task RawWriteManifestAsync(ResourceKey key, string manifest);

    protected ResourceKey Key(ResourceKind kind, string name) => new(kind, Ns, name);

    protected static string Manifest(ResourceKey key, string body = "replicas: 2") =>
        $"apiVersion: ecs.operator/v1\nkind: {key.Kind}\nmetadata:\n  name: {key.Name}\n  namespace: {key.Namespace}\nspec:\n  {body}\n";

    private static CancellationToken Ct => CancellationToken.None;

    [SkippableFact]
    public async Task Create_then_get_returns_the_manifest_verbatim_at_generation_1()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "web");
        var text = "# keep me\r\napiVersion: ecs.operator/v1\nkind:   App   \nmetadata: {name: web}\nspec:\n  note: \"ünïcødé ✓\"\n\n\n  replicas: 2";
        var result = await store.PutAsync(key, text, Versions.MustNotExist, Ct);
        Assert.Equal(PutOutcome.Created, result.Outcome);
        var got = await store.GetAsync(key, Ct);
        Assert.NotNull(got);
        Assert.Equal(text, got.Manifest);
        Assert.Equal(key, got.Key);
        Assert.Equal(1, got.Generation);
        Assert.Null(got.Status);
        Assert.Equal(result.Resource.Version, got.Version);
        Assert.Equal(StoredResource.HashManifest(text), got.ManifestHash);
    }

    [SkippableFact]
    public async Task Get_of_an_absent_key_is_null()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.GetAsync(Key(ResourceKind.Job, "nothing-here"), Ct));
        Assert.False(await store.DeleteAsync(Key(ResourceKind.Job, "nothing-here"), null, Ct));
    }

    [SkippableFact]
    public async Task List_is_ordered_by_key_and_filters_by_kind_and_namespace()
    {
        var store = await CreateStoreAsync();
        var other = ContractClock.UniqueNamespace();
        ResourceKey[] keys =
        [
            Key(ResourceKind.Job, "b"), Key(ResourceKind.App, "web"), Key(ResourceKind.App, "api"),
            Key(ResourceKind.CronJob, "nightly"), new(ResourceKind.App, other, "web"),
        ];
        foreach (var k in keys) await store.PutAsync(k, Manifest(k), null, Ct);

        var all = await store.ListAsync(null, Ns, Ct);
        Assert.Equal(["App/" + Ns + "/api", "App/" + Ns + "/web", "CronJob/" + Ns + "/nightly", "Job/" + Ns + "/b"], all.Select(r => r.Key.Pk));
        var apps = await store.ListAsync(ResourceKind.App, Ns, Ct);
        Assert.Equal(["api", "web"], apps.Select(r => r.Key.Name));
        Assert.All(apps, r => Assert.Equal(Manifest(r.Key), r.Manifest));
        var everywhere = await store.ListAsync(ResourceKind.App, null, Ct);
        Assert.Contains(everywhere, r => r.Key == new ResourceKey(ResourceKind.App, other, "web"));
        Assert.Contains(everywhere, r => r.Key == Key(ResourceKind.App, "web"));
        Assert.DoesNotContain(everywhere, r => r.Key.Kind != ResourceKind.App);
        var pks = everywhere.Select(r => r.Key.Pk).ToList();
        Assert.Equal(pks.Order(StringComparer.Ordinal), pks);
    }

    [SkippableFact]
    public async Task Putting_the_same_manifest_again_is_unchanged_and_keeps_the_version()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "web");
        var first = await store.PutAsync(key, Manifest(key), null, Ct);
        var again = await store.PutAsync(key, Manifest(key), first.Resource.Version, Ct);
        Assert.Equal(PutOutcome.Unchanged, again.Outcome);
        Assert.Equal(first.Resource.Version, again.Resource.Version);
        Assert.Equal(1, again.Resource.Generation);
        Assert.Equal(first.Resource.Version, (await store.GetAsync(key, Ct))!.Version);
    }

    [SkippableFact]
    public async Task A_changed_manifest_bumps_the_generation_and_version_and_keeps_the_status()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "web");
        var first = await store.PutAsync(key, Manifest(key), null, Ct);
        Assert.True(await store.UpdateStatusAsync(key, first.Resource.ManifestHash, new JsonObject { ["observedGeneration"] = 1 }, Ct));
        var second = await store.PutAsync(key, Manifest(key, "replicas: 3"), null, Ct);
        Assert.Equal(PutOutcome.Configured, second.Outcome);
        Assert.Equal(2, second.Resource.Generation);
        Assert.NotEqual(first.Resource.Version, second.Resource.Version);
        var got = await store.GetAsync(key, Ct);
        Assert.Equal(2, got!.Generation);
        Assert.Equal(Manifest(key, "replicas: 3"), got.Manifest);
        Assert.Equal(1, (int)got.Status!["observedGeneration"]!);
    }

    [SkippableFact]
    public async Task Create_only_fails_when_the_item_exists()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.Job, "once");
        await store.PutAsync(key, Manifest(key), Versions.MustNotExist, Ct);
        var e = await Assert.ThrowsAsync<ConcurrencyException>(() => store.PutAsync(key, Manifest(key, "x: 1"), Versions.MustNotExist, Ct));
        Assert.Equal(key, e.Key);
        Assert.Equal(Manifest(key), (await store.GetAsync(key, Ct))!.Manifest);
    }

    [SkippableFact]
    public async Task A_put_with_a_stale_version_fails_and_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "web");
        var v1 = (await store.PutAsync(key, Manifest(key), null, Ct)).Resource.Version;
        var v2 = (await store.PutAsync(key, Manifest(key, "replicas: 3"), v1, Ct)).Resource.Version;
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.PutAsync(key, Manifest(key, "replicas: 9"), v1, Ct));
        var got = await store.GetAsync(key, Ct);
        Assert.Equal(v2, got!.Version);
        Assert.Equal(Manifest(key, "replicas: 3"), got.Manifest);
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.PutAsync(Key(ResourceKind.App, "absent"), Manifest(key), v2, Ct));
        Assert.Null(await store.GetAsync(Key(ResourceKind.App, "absent"), Ct));
    }

    [SkippableFact]
    public async Task A_delete_with_a_stale_version_fails_and_keeps_the_item()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "web");
        var v1 = (await store.PutAsync(key, Manifest(key), null, Ct)).Resource.Version;
        var v2 = (await store.PutAsync(key, Manifest(key, "replicas: 3"), null, Ct)).Resource.Version;
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.DeleteAsync(key, v1, Ct));
        Assert.NotNull(await store.GetAsync(key, Ct));
        Assert.True(await store.DeleteAsync(key, v2, Ct));
        Assert.Null(await store.GetAsync(key, Ct));
        Assert.False(await store.DeleteAsync(key, null, Ct));
        Assert.DoesNotContain(await store.ListAsync(ResourceKind.App, Ns, Ct), r => r.Key == key);
    }

    [SkippableFact]
    public async Task CreatedAt_is_the_store_clock_at_creation_and_survives_updates()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "aged");
        var created = await store.PutAsync(key, Manifest(key), null, Ct);
        Assert.Equal(ContractClock.Start, created.Resource.CreatedAt);
        Time.Advance(TimeSpan.FromMinutes(5));
        await store.PutAsync(key, Manifest(key, "replicas: 5"), null, Ct);
        var got = await store.GetAsync(key, Ct);
        Assert.True(await store.UpdateStatusAsync(key, got!.ManifestHash, new JsonObject { ["observedGeneration"] = 2 }, Ct));
        Assert.Equal(ContractClock.Start, (await store.GetAsync(key, Ct))!.CreatedAt);
        Assert.Equal(ContractClock.Start, Assert.Single(await store.ListAsync(ResourceKind.App, Ns, Ct)).CreatedAt);
    }
}
