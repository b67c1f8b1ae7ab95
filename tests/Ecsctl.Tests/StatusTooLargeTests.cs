using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecsctl.Tests;

/// <summary>A status the store cannot hold is not a silent retry loop: the controller runtime records StatusTooLarge
/// on the object, which <c>ecsctl get</c> shows as Degraded and <c>ecsctl describe</c> explains.</summary>
public sealed class StatusTooLargeTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task An_oversized_status_becomes_a_StatusTooLarge_condition_and_event_seen_by_get_and_describe()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", Path.Combine(CliHarness.Samples, "apps", "worker.yaml"))).Exit);
        var key = new ResourceKey(ResourceKind.App, "default", "worker");
        var store = _cli.Store;
        var informer = new ResourceInformer(store, _cli.Time, TimeSpan.FromHours(1), NullLogger.Instance);
        var runtime = new ControllerRuntime(store, store, informer, [new ChattyReconciler(store)],
            new ControllerOptions { Workers = 1 }, _cli.Time, NullLogger<ControllerRuntime>.Instance);
        using var stop = new CancellationTokenSource();
        var run = runtime.RunAsync(stop.Token);

        var deadline = Environment.TickCount64 + 10_000;
        while (StatusConditions.Get((await store.GetAsync(key, default))?.Status, "Degraded")?["reason"]?.GetValue<string>() != "StatusTooLarge")
        {
            Assert.True(Environment.TickCount64 < deadline, "no StatusTooLarge condition recorded");
            await Task.Delay(20);
        }
        await stop.CancelAsync();
        await run;

        var get = await _cli.RunAsync("get", "apps");
        Assert.Matches(@"^worker\s+\S+\s+\S+\s+Degraded\s", get.OutLines[1]);
        var describe = await _cli.RunAsync("describe", "app", "worker");
        Assert.Equal(0, describe.Exit);
        Assert.Contains("StatusTooLarge", describe.Out);
        Assert.Contains($"the limit is {ManifestLimits.MaxStatusBytes} bytes", describe.Out);
    }

    /// <summary>A reconciler whose status (a huge list of service events, say) is over the budget.</summary>
    private sealed class ChattyReconciler(EcsOperator.Core.Store.IResourceStore store) : IReconciler
    {
        public ResourceKind Kind => ResourceKind.App;

        public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct)
        {
            var item = await store.GetAsync(key, ct);
            var status = new JsonObject { ["observedGeneration"] = item!.Generation, ["serviceEvents"] = new string('e', ManifestLimits.MaxStatusBytes) };
            await store.UpdateStatusAsync(key, item.ManifestHash, status, ct);
            return ReconcileResult.Done;
        }
    }
}
