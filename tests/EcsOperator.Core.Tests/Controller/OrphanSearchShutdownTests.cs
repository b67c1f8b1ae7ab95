using EcsOperator.Core.Controller;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Core.Tests.Controller;

/// <summary>The orphan search a resync starts belongs to the runtime: shutting down cancels it and waits for it.</summary>
public sealed class OrphanSearchShutdownTests : IDisposable
{
    private readonly TempStateDirectory dir = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Stopping_the_runtime_cancels_a_running_orphan_search_and_waits_for_it()
    {
        var store = new LocalResourceStore(dir.Paths, time);
        var finder = new BlockingFinder();
        var informer = new ResourceInformer(store, time, TimeSpan.FromMinutes(5), NullLogger.Instance);
        var runtime = new ControllerRuntime(store, store, informer, [new NoopReconciler()],
            new ControllerOptions { Workers = 1, ReconcileTimeout = TimeSpan.FromSeconds(30) }, time, NullLogger<ControllerRuntime>.Instance,
            orphanFinders: [finder]);
        using var stop = new CancellationTokenSource();
        var run = runtime.RunAsync(stop.Token);
        await finder.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(finder.Finished.Task.IsCompleted, "RunAsync returned while the orphan search was still running");
        Assert.True(await finder.Finished.Task, "the orphan search was not cancelled");
    }

    private sealed class BlockingFinder : IOrphanFinder
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IReadOnlyCollection<ResourceKey>> FindOwnersAsync(CancellationToken ct)
        {
            Started.TrySetResult();
            try
            {
                // An ECS listing that does not answer: only cancellation ends it.
                await Task.Delay(Timeout.Infinite, ct);
                return [];
            }
            finally
            {
                Finished.TrySetResult(ct.IsCancellationRequested);
            }
        }
    }

    private sealed class NoopReconciler : IReconciler
    {
        public ResourceKind Kind => ResourceKind.App;

        public Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct) => Task.FromResult(ReconcileResult.Done);
    }
}
