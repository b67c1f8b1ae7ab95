using System.Collections.Concurrent;
using EcsOperator.Core.Controller;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Core.Tests.Controller;

/// <summary>For a kind that cleans up after a missing item, the runtime honours the deletion mark by removing the
/// marked item first: the kind's reconcile then finds it gone, as for any deleted document.</summary>
public sealed class DeletionMarkRuntimeTests : IDisposable
{
    private readonly TempStateDirectory dir = new();
    private readonly CancellationTokenSource stop = new();

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        dir.Dispose();
    }

    [Fact]
    public async Task A_marked_item_is_removed_and_then_reconciled_as_gone()
    {
        var store = new LocalResourceStore(dir.Paths, TimeProvider.System) { PollInterval = TimeSpan.FromMilliseconds(200) };
        var key = new ResourceKey(ResourceKind.ScalePolicy, "default", "web");
        await store.PutAsync(key, "apiVersion: ecs.operator/v1\nkind: ScalePolicy\nmetadata:\n  name: web\n", null, default);
        var seen = new ConcurrentQueue<bool>();
        var informer = new ResourceInformer(store, TimeProvider.System, TimeSpan.FromHours(1), NullLogger.Instance);
        var runtime = new ControllerRuntime(store, store, informer, [new Observer(store, seen)],
            new ControllerOptions { Workers = 1 }, TimeProvider.System, NullLogger<ControllerRuntime>.Instance);
        var run = runtime.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => seen.Contains(true), "reconciled while present");

        Assert.True(await store.MarkForDeletionAsync(key, default));
        await Eventually.TrueAsync(() => seen.Contains(false), "reconciled as gone after the mark");
        Assert.Null(await store.GetAsync(key, default));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task An_item_parked_on_a_terminal_error_is_still_deleted_when_marked()
    {
        var store = new LocalResourceStore(dir.Paths, TimeProvider.System) { PollInterval = TimeSpan.FromMilliseconds(200) };
        var key = new ResourceKey(ResourceKind.ScalePolicy, "default", "broken");
        await store.PutAsync(key, "kind: [unclosed", null, default);
        var seen = new ConcurrentQueue<bool>();
        var informer = new ResourceInformer(store, TimeProvider.System, TimeSpan.FromHours(1), NullLogger.Instance);
        var runtime = new ControllerRuntime(store, store, informer, [new Observer(store, seen, terminalWhilePresent: true)],
            new ControllerOptions { Workers = 1 }, TimeProvider.System, NullLogger<ControllerRuntime>.Instance);
        var run = runtime.RunAsync(stop.Token);
        await Eventually.TrueAsync(async () => (await store.GetAsync(key, default))?.Status is not null, "the terminal error recorded");

        Assert.True(await store.MarkForDeletionAsync(key, default));
        await Eventually.TrueAsync(() => seen.Contains(false), "reconciled as gone after the mark");
        Assert.Null(await store.GetAsync(key, default));
        await stop.CancelAsync();
        await run;
    }

    /// <summary>Records whether each reconcile found the item; cleans up nothing itself. Optionally fails terminally
    /// (as for an invalid manifest) while the item is there.</summary>
    private sealed class Observer(LocalResourceStore store, ConcurrentQueue<bool> seen, bool terminalWhilePresent = false) : IReconciler
    {
        public ResourceKind Kind => ResourceKind.ScalePolicy;

        public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct)
        {
            var present = await store.GetAsync(key, ct) is not null;
            seen.Enqueue(present);
            if (present && terminalWhilePresent) throw new TerminalReconcileException("InvalidSpec", "the manifest is not valid YAML");
            return ReconcileResult.Done;
        }
    }
}
