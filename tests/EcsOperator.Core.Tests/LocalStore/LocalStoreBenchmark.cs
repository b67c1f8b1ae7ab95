using System.Diagnostics;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Contracts;
using Xunit.Abstractions;

namespace EcsOperator.Core.Tests.LocalStore;

/// <summary>Prints how fast the local store writes, lists and reads (a benchmark: numbers, no timed assertions).</summary>
public sealed class LocalStoreBenchmark(ITestOutputHelper output) : IDisposable
{
    private readonly TempStateDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Write_list_and_status_200_items()
    {
        const int n = 200;
        var store = new LocalResourceStore(_dir.Paths, ContractClock.Create());
        var keys = Enumerable.Range(0, n).Select(i => new ResourceKey(ResourceKind.App, "bench", $"app-{i:D4}")).ToList();
        var manifest = new string('x', 2000);

        var clock = Stopwatch.StartNew();
        foreach (var k in keys) await store.PutAsync(k, manifest + k.Name, Versions.MustNotExist, CancellationToken.None);
        var put = clock.Elapsed;

        clock.Restart();
        var listed = await store.ListAsync(ResourceKind.App, "bench", CancellationToken.None);
        var list = clock.Elapsed;

        clock.Restart();
        foreach (var k in keys) await store.UpdateStatusAsync(k, listed[keys.IndexOf(k)].ManifestHash, new System.Text.Json.Nodes.JsonObject { ["ok"] = true }, CancellationToken.None);
        var status = clock.Elapsed;

        Assert.Equal(keys, listed.Select(r => r.Key));
        output.WriteLine($"local store, {n} items of ~2 KB: put {put.TotalMilliseconds / n:F2} ms/item, " +
            $"status write {status.TotalMilliseconds / n:F2} ms/item, full list {list.TotalMilliseconds:F0} ms");
    }
}
