using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Logging.Abstractions;

using static EcsOperator.Core.Tests.Controller.TestApps;

namespace EcsOperator.Core.Tests.Controller;

/// <summary>
/// <c>ecs_operator_watch_recovered_total</c>: the watch goes down, documents are created, changed, marked and deleted
/// while it is down, and the listing that follows its re-establishment counts exactly those; the first listing, status
/// writes and changes the watch delivered count nothing.
/// </summary>
public sealed class WatchRecoveredMetricTests
{
    [Fact]
    public async Task Changes_made_while_the_watch_was_down_are_counted_by_the_listing_after_it_is_back()
    {
        using var dir = new TempStateDirectory();
        var local = new LocalResourceStore(dir.Paths, TimeProvider.System) { PollInterval = TimeSpan.FromMilliseconds(100) };
        foreach (var name in new[] { "changed", "marked", "deleted", "status-only", "untouched" }) await local.PutAsync(Key(name), Manifest(name, "nginx:1"), null, default);
        var store = new BreakableWatchStore(local);
        var metrics = new OperatorMetrics();
        var informer = new ResourceInformer(store, TimeProvider.System, TimeSpan.FromMinutes(5), NullLogger.Instance) { Metrics = metrics };
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        await Until(() => informer.HasSynced && store.Established == 1);
        await local.PutAsync(Key("seen-by-watch"), Manifest("seen-by-watch", "nginx:1"), null, default);
        await Until(() => informer.Get(Key("seen-by-watch")) is not null);
        Assert.Equal(0, metrics.WatchRecoveredCount);

        var listingsBefore = store.Listings;
        store.Break();
        await local.PutAsync(Key("created"), Manifest("created", "nginx:1"), null, default);
        await local.PutAsync(Key("changed"), Manifest("changed", "nginx:2"), null, default);
        Assert.True(await local.MarkForDeletionAsync(Key("marked"), default));
        Assert.True(await local.DeleteAsync(Key("deleted"), null, default));
        var statusOnly = await local.GetAsync(Key("status-only"), default);
        Assert.True(await local.UpdateStatusAsync(Key("status-only"), statusOnly!.ManifestHash, new JsonObject { ["phase"] = "Ready" }, default));
        store.Reopen();

        await Until(() => store.Established == 2 && store.Listings > listingsBefore && informer.Get(Key("created")) is not null);
        Assert.Equal(4, metrics.WatchRecoveredCount);
        using var text = new MemoryStream();
        await metrics.WriteAsync(text);
        Assert.Contains("ecs_operator_watch_recovered_total 4\n", System.Text.Encoding.UTF8.GetString(text.ToArray()), StringComparison.Ordinal);

        await stop.CancelAsync();
        await run;
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }

    private static ResourceKey Key(string name) => new(ResourceKind.App, "default", name);

    /// <summary>The local store, with a watch the test can take down (<see cref="Break"/>: the running watch ends
    /// and no new one comes up) and bring back (<see cref="Reopen"/>); counts establishments and listings.</summary>
    private sealed class BreakableWatchStore(IResourceStore inner) : IResourceStore
    {
        private readonly Lock gate = new();
        private CancellationTokenSource current = new();
        private TaskCompletionSource open = CompletedSource();
        private int established;
        private int listings;

        public int Established => Volatile.Read(ref established);

        public int Listings => Volatile.Read(ref listings);

        private static TaskCompletionSource CompletedSource()
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.SetResult();
            return done;
        }

        public void Break()
        {
            lock (gate)
            {
                open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                current.Cancel();
            }
        }

        public void Reopen()
        {
            lock (gate) open.TrySetResult();
        }

        public Task<StoredResource?> GetAsync(ResourceKey key, CancellationToken ct) => inner.GetAsync(key, ct);

        public Task<IReadOnlyList<StoredResource>> ListAsync(ResourceKind? kind, string? @namespace, CancellationToken ct)
        {
            Interlocked.Increment(ref listings);
            return inner.ListAsync(kind, @namespace, ct);
        }

        public Task<PutResult> PutAsync(ResourceKey key, string manifest, string? expectedVersion, CancellationToken ct) =>
            inner.PutAsync(key, manifest, expectedVersion, ct);

        public Task<bool> UpdateStatusAsync(ResourceKey key, string manifestHash, JsonObject status, CancellationToken ct) =>
            inner.UpdateStatusAsync(key, manifestHash, status, ct);

        public Task<bool> DeleteAsync(ResourceKey key, string? expectedVersion, CancellationToken ct) =>
            inner.DeleteAsync(key, expectedVersion, ct);

        public Task<bool> MarkForDeletionAsync(ResourceKey key, CancellationToken ct) => inner.MarkForDeletionAsync(key, ct);

        public async IAsyncEnumerable<ResourceKey> WatchAsync(Action? established, [EnumeratorCancellation] CancellationToken ct)
        {
            Task waitOpen;
            lock (gate) waitOpen = open.Task;
            await waitOpen.WaitAsync(ct);
            CancellationTokenSource mine;
            lock (gate)
            {
                current.Dispose();
                current = CancellationTokenSource.CreateLinkedTokenSource(ct);
                mine = current;
            }
            await foreach (var key in inner.WatchAsync(() => { Interlocked.Increment(ref this.established); established?.Invoke(); }, mine.Token))
            {
                yield return key;
            }
        }
    }
}
