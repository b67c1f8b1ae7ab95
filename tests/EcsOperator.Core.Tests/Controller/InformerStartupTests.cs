using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Logging.Abstractions;

using static EcsOperator.Core.Tests.Controller.TestApps;

namespace EcsOperator.Core.Tests.Controller;

/// <summary>
/// A document written while the operator starts must be reconciled promptly, whatever moment it lands: before the
/// listing, during it, or while the watch is still being set up (a DynamoDB watch first describes the table and the
/// stream; the wrapper below gives the local store's watch the same set-up time).
/// </summary>
public sealed class InformerStartupTests
{
    private const int Iterations = 50;

    [Fact]
    public async Task A_document_written_at_any_moment_of_start_up_is_reconciled_within_seconds()
    {
        var random = new Random(12);
        var missed = new List<string>();
        for (var i = 0; i < Iterations; i++)
        {
            using var dir = new TempStateDirectory();
            var local = new LocalResourceStore(dir.Paths, TimeProvider.System) { PollInterval = TimeSpan.FromMilliseconds(200) };
            for (var n = 0; n < 3; n++) await local.PutAsync(Key($"early-{n}"), Manifest($"early-{n}"), null, default);
            var store = new SlowWatchStore(local, TimeSpan.FromMilliseconds(150));
            var reconciled = new ConcurrentDictionary<ResourceKey, byte>();
            var informer = new ResourceInformer(store, TimeProvider.System, TimeSpan.FromMinutes(5), NullLogger.Instance);
            var runtime = new ControllerRuntime(store, local, informer, [new Recorder(reconciled)],
                new ControllerOptions { Workers = 2, ReconcileTimeout = TimeSpan.FromSeconds(30) }, TimeProvider.System,
                NullLogger<ControllerRuntime>.Instance);
            using var stop = new CancellationTokenSource();
            var run = runtime.RunAsync(stop.Token);

            var delay = random.Next(0, 250);
            await Task.Delay(delay);
            var late = Key($"late-{i}");
            await local.PutAsync(late, Manifest(late.Name), null, default);

            var deadline = Environment.TickCount64 + 5_000;
            while (!reconciled.ContainsKey(late) && Environment.TickCount64 < deadline) await Task.Delay(20);
            if (!reconciled.ContainsKey(late)) missed.Add($"{late.Name} (written {delay} ms after start)");
            await stop.CancelAsync();
            await run;
        }

        Assert.True(missed.Count == 0, $"{missed.Count} of {Iterations} never reconciled within 5 s: {string.Join(", ", missed)}");
    }

    private static ResourceKey Key(string name) => new(ResourceKind.App, "default", name);

    private sealed class Recorder(ConcurrentDictionary<ResourceKey, byte> reconciled) : IReconciler
    {
        public ResourceKind Kind => ResourceKind.App;

        public Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct)
        {
            reconciled[key] = 0;
            return Task.FromResult(ReconcileResult.Done);
        }
    }

    /// <summary>The local store, with a watch that takes <paramref name="setUp"/> to be established.</summary>
    private sealed class SlowWatchStore(IResourceStore inner, TimeSpan setUp) : IResourceStore
    {
        public Task<StoredResource?> GetAsync(ResourceKey key, CancellationToken ct) => inner.GetAsync(key, ct);

        public Task<IReadOnlyList<StoredResource>> ListAsync(ResourceKind? kind, string? @namespace, CancellationToken ct) =>
            inner.ListAsync(kind, @namespace, ct);

        public Task<PutResult> PutAsync(ResourceKey key, string manifest, string? expectedVersion, CancellationToken ct) =>
            inner.PutAsync(key, manifest, expectedVersion, ct);

        public Task<bool> UpdateStatusAsync(ResourceKey key, string manifestHash, JsonObject status, CancellationToken ct) =>
            inner.UpdateStatusAsync(key, manifestHash, status, ct);

        public Task<bool> DeleteAsync(ResourceKey key, string? expectedVersion, CancellationToken ct) =>
            inner.DeleteAsync(key, expectedVersion, ct);

        public Task<bool> MarkForDeletionAsync(ResourceKey key, CancellationToken ct) => inner.MarkForDeletionAsync(key, ct);

        public async IAsyncEnumerable<ResourceKey> WatchAsync(Action? established, [EnumeratorCancellation] CancellationToken ct)
        {
            await Task.Delay(setUp, ct);
            await foreach (var key in inner.WatchAsync(established, ct)) yield return key;
        }
    }
}
