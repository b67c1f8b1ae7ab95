using System.Text.Json.Nodes;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.DynamoDb;

public sealed class DynamoDbStoreTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private static readonly ResourceKey Web = new(ResourceKind.App, "default", "web");
    private const string WebYaml = "apiVersion: ecs.operator/v1\nkind: App\nmetadata:\n  name: web\nspec:\n  cluster: main\n";

    private async Task<(DynamoDbResourceStore Store, string Table)> NewStoreAsync()
    {
        var table = await MotoAws.TableAsync(moto);
        return (DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System), table);
    }

    [SkippableFact]
    public async Task Put_get_update_and_delete_round_trip_with_generations()
    {
        moto.SkipIfUnavailable();
        var (store, _) = await NewStoreAsync();
        using var _s = store;

        var created = await store.PutAsync(Web, WebYaml, Versions.MustNotExist, default);
        Assert.Equal(PutOutcome.Created, created.Outcome);
        Assert.Equal(1, created.Resource.Generation);

        var same = await store.PutAsync(Web, WebYaml, null, default);
        Assert.Equal(PutOutcome.Unchanged, same.Outcome);
        Assert.Equal(created.Resource.Version, same.Resource.Version);

        var changed = await store.PutAsync(Web, WebYaml + "  replicas: 2\n", created.Resource.Version, default);
        Assert.Equal(PutOutcome.Configured, changed.Outcome);
        Assert.Equal(2, changed.Resource.Generation);

        var read = await store.GetAsync(Web, default);
        Assert.NotNull(read);
        Assert.Equal(changed.Resource.Manifest, read.Manifest);
        Assert.Equal(changed.Resource.Version, read.Version);
        Assert.Equal(2, read.Generation);

        await Assert.ThrowsAsync<ConcurrencyException>(() => store.PutAsync(Web, WebYaml, created.Resource.Version, default));
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.PutAsync(Web, WebYaml, Versions.MustNotExist, default));
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.DeleteAsync(Web, created.Resource.Version, default));

        Assert.True(await store.DeleteAsync(Web, read.Version, default));
        Assert.Null(await store.GetAsync(Web, default));
        Assert.False(await store.DeleteAsync(Web, null, default));
    }

    [SkippableFact]
    public async Task Status_write_needs_the_same_manifest_and_never_recreates_a_deleted_item()
    {
        moto.SkipIfUnavailable();
        var (store, _) = await NewStoreAsync();
        using var _s = store;
        var v1 = (await store.PutAsync(Web, WebYaml, null, default)).Resource;

        Assert.True(await store.UpdateStatusAsync(Web, v1.ManifestHash, new JsonObject { ["observedGeneration"] = 1 }, default));
        var withStatus = await store.GetAsync(Web, default);
        Assert.Equal(1, withStatus!.Status!["observedGeneration"]!.GetValue<int>());
        Assert.NotEqual(v1.Version, withStatus.Version);

        var v2 = (await store.PutAsync(Web, WebYaml + "  replicas: 3\n", null, default)).Resource;
        Assert.False(await store.UpdateStatusAsync(Web, v1.ManifestHash, new JsonObject { ["stale"] = true }, default));
        var afterStale = await store.GetAsync(Web, default);
        Assert.Equal(v2.Manifest, afterStale!.Manifest);
        Assert.Null(afterStale.Status!["stale"]);

        await store.DeleteAsync(Web, null, default);
        Assert.False(await store.UpdateStatusAsync(Web, v2.ManifestHash, new JsonObject { ["late"] = true }, default));
        Assert.Null(await store.GetAsync(Web, default));
    }

    [SkippableFact]
    public async Task Concurrent_unconditional_puts_all_land_and_conditional_ones_lose_cleanly()
    {
        moto.SkipIfUnavailable();
        var (store, _) = await NewStoreAsync();
        using var _s = store;
        var first = (await store.PutAsync(Web, WebYaml, null, default)).Resource;

        var racers = Enumerable.Range(0, 6).Select(i => store.PutAsync(Web, WebYaml + $"  replicas: {i + 1}\n", first.Version, default)).ToList();
        var outcomes = await Task.WhenAll(racers.Select(async t =>
        {
            try { await t; return true; }
            catch (ConcurrencyException) { return false; }
        }));
        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal(2, (await store.GetAsync(Web, default))!.Generation);
    }

    [SkippableFact]
    public async Task Events_deduplicate_and_leases_exclude_other_holders()
    {
        moto.SkipIfUnavailable();
        var (store, _) = await NewStoreAsync();
        using var _s = store;
        IEventStore events = store;
        var now = DateTimeOffset.UnixEpoch;
        await events.RecordAsync(Web, new ResourceEvent(Web, ResourceEvent.Warning, "Invalid", "bad spec", 1, now, now), default);
        await events.RecordAsync(Web, new ResourceEvent(Web, ResourceEvent.Warning, "Invalid", "bad spec", 1, now, now), default);
        await events.RecordAsync(Web, new ResourceEvent(Web, ResourceEvent.Normal, "Synced", "ok", 1, now, now), default);
        var listed = await events.ListAsync(Web, default);
        Assert.Equal(["Invalid", "Synced"], listed.Select(e => e.Reason));
        Assert.Equal(2, listed[0].Count);
        Assert.Equal(2, (await events.ListAsync(null, default)).Count);
        Assert.Empty(await store.ListAsync(null, null, default));

        var a = await store.TryAcquireAsync("leader", "a", TimeSpan.FromSeconds(30), default);
        var b = await store.TryAcquireAsync("leader", "b", TimeSpan.FromSeconds(30), default);
        Assert.Equal("a", a.Holder);
        Assert.Equal("a", b.Holder);
        await store.ReleaseAsync("leader", "b", default);
        Assert.Equal("a", (await store.TryAcquireAsync("leader", "a", TimeSpan.FromSeconds(30), default)).Holder);
        await store.ReleaseAsync("leader", "a", default);
        Assert.Equal("b", (await store.TryAcquireAsync("leader", "b", TimeSpan.FromSeconds(30), default)).Holder);
    }
}
