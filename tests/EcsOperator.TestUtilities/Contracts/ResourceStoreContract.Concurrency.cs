using System.Collections.Concurrent;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.TestUtilities.Contracts;

public abstract partial class ResourceStoreContract
{
    /// <summary>How long <see cref="Watch_reports_a_changed_key"/> waits for the change (real time).</summary>
    protected virtual TimeSpan WatchTimeout => TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Concurrent_writers_lose_no_update()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "counter");
        await store.PutAsync(key, Manifest(key, "writers: []"), null, Ct);
        const int writers = 8;
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            while (true)
            {
                var current = (await store.GetAsync(key, Ct))!;
                var written = current.Manifest.Replace("writers: [", $"writers: [w{i}, ", StringComparison.Ordinal);
                try
                {
                    await store.PutAsync(key, written, current.Version, Ct);
                    return;
                }
                catch (ConcurrencyException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));
        var final = (await store.GetAsync(key, Ct))!;
        for (var i = 0; i < writers; i++) Assert.Contains($"w{i}, ", final.Manifest, StringComparison.Ordinal);
        Assert.Equal(1 + writers, final.Generation);
    }

    [Fact]
    public async Task Concurrent_creates_have_exactly_one_winner()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.Job, "race");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.PutAsync(key, Manifest(key, $"by: {i}"), Versions.MustNotExist, Ct);
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        })));
        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal(1, (await store.GetAsync(key, Ct))!.Generation);
    }

    [Fact]
    public async Task A_listing_is_never_partial_while_items_are_rewritten()
    {
        var store = await CreateStoreAsync();
        var keys = Enumerable.Range(0, 30).Select(i => Key(ResourceKind.App, $"app-{i:D2}")).ToList();
        foreach (var k in keys) await store.PutAsync(k, Manifest(k, "replicas: 0"), null, Ct);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var round = 1; !stop.IsCancellationRequested; round++)
            {
                foreach (var k in keys) await store.PutAsync(k, Manifest(k, $"replicas: {round}"), null, Ct);
            }
        });
        var listings = new ConcurrentBag<int>();
        for (var i = 0; i < 10; i++)
        {
            var list = await store.ListAsync(ResourceKind.App, Ns, Ct);
            Assert.Equal(keys, list.Select(r => r.Key));
            Assert.All(list, r => Assert.StartsWith("apiVersion: ecs.operator/v1", r.Manifest, StringComparison.Ordinal));
            listings.Add(list.Count);
        }

        await stop.CancelAsync();
        await writer;
        Assert.Equal(10, listings.Count);
    }

    [Fact]
    public async Task Watch_reports_a_changed_key()
    {
        var store = await CreateStoreAsync();
        var key = Key(ResourceKind.App, "watched");
        using var cts = new CancellationTokenSource(WatchTimeout);
        var seen = Task.Run(async () =>
        {
            await foreach (var changed in store.WatchAsync(cts.Token))
            {
                if (changed == key) return true;
            }

            return false;
        });
        // Give the watch a moment to start, then write; keep the fake clock moving for stores that poll on it.
        for (var i = 0; i < 5 && !seen.IsCompleted; i++)
        {
            await Task.Delay(100);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        await store.PutAsync(key, Manifest(key), null, Ct);
        while (!seen.IsCompleted && !cts.IsCancellationRequested)
        {
            await Task.Delay(100);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(await seen, "the watch did not report the written key");
        await cts.CancelAsync();
    }
}
