using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.TestUtilities.Contracts;

namespace EcsOperator.Core.Tests.LocalStore;

public sealed class LocalStoreEpochTests : IDisposable
{
    private readonly TempStateDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task The_epoch_is_written_once_shared_by_every_process_and_new_after_the_store_is_wiped()
    {
        var a = new LocalResourceStore(dir.Paths, TimeProvider.System);
        var b = new LocalResourceStore(dir.Paths, TimeProvider.System);
        Assert.Null(await a.ReadEpochAsync(default));
        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? a : b).EnsureEpochAsync(default)));
        var epoch = Assert.Single(all.Distinct(StringComparer.Ordinal));
        Assert.Matches("^[0-9a-f]{16}$", epoch);
        Assert.Equal(epoch, await b.ReadEpochAsync(default));

        // The epoch is no document: listings do not return it.
        await a.PutAsync(new ResourceKey(ResourceKind.App, "default", "web"), "apiVersion: ecs.operator/v1\nkind: App\nmetadata: {name: web}\nspec: {}\n", null, default);
        Assert.Single(await a.ListAsync(null, null, default));

        // A wiped store directory is a different store.
        Directory.Delete(dir.Paths.Store, recursive: true);
        var fresh = await a.EnsureEpochAsync(default);
        Assert.NotEqual(epoch, fresh);
    }
}
