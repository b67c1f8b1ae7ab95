using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Simulator;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Core.Tests.Controller;

/// <summary>Any kind's reconcile that ECS refuses because something it names does not exist is retried after 30 s,
/// 60 s, ... (not terminal, not the fast per-key backoff), with a condition and an event naming the missing thing.</summary>
public sealed class MissingResourceRuntimeTests : IDisposable
{
    private readonly TempStateDirectory dir = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly CancellationTokenSource stop = new();

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        dir.Dispose();
    }

    [Fact]
    public async Task A_missing_cluster_is_retried_with_a_long_growing_wait_until_it_appears()
    {
        var store = new LocalResourceStore(dir.Paths, time);
        var cloud = new SimulatedCloud(new SimulatorOptions { ThrottlingEnabled = false }, time);
        var key = new ResourceKey(ResourceKind.Job, "default", "report");
        await store.PutAsync(key, "apiVersion: ecs.operator/v1\nkind: Job\nmetadata:\n  name: report\n", null, default);
        var reconciler = new ListServicesReconciler(cloud.Ecs);
        var informer = new ResourceInformer(store, time, TimeSpan.FromHours(1), NullLogger.Instance);
        var runtime = new ControllerRuntime(store, store, informer, [reconciler],
            new ControllerOptions { Workers = 1, ReconcileTimeout = TimeSpan.FromSeconds(30) }, time, NullLogger<ControllerRuntime>.Instance);
        _ = runtime.RunAsync(stop.Token);

        await Eventually.TrueAsync(async () => (await store.GetAsync(key, default))?.Status is { } s
            && StatusConditions.Get(s, "Degraded")?["reason"]?.GetValue<string>() == "ClusterNotFound", "condition names the cluster");
        Assert.Equal(1, reconciler.Attempts);
        // the event follows the condition
        await Eventually.TrueAsync(async () => (await ((EcsOperator.Core.Store.IEventStore)store).ListAsync(key, default))
            .Any(e => e.Reason == "ClusterNotFound"), "an event names the cluster");

        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);
        Assert.Equal(1, reconciler.Attempts);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => reconciler.Failed == 2, "second attempt after 30 s");
        // the runtime schedules the next try (60 s from now on the fake clock) after the failure returns to it: give
        // it a moment, or the clock would move on before the wait is scheduled and the wait would end later
        await Task.Delay(300);
        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(100);
        Assert.Equal(2, reconciler.Attempts);

        cloud.Control.CreateCluster("later");
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => reconciler.Succeeded, "reconciled once the cluster exists");
        Assert.Equal(3, reconciler.Attempts);
    }

    private sealed class ListServicesReconciler(IEcsApi ecs) : IReconciler
    {
        private int attempts;
        private int failed;

        public int Attempts => Volatile.Read(ref attempts);

        public int Failed => Volatile.Read(ref failed);

        public bool Succeeded { get; private set; }

        public ResourceKind Kind => ResourceKind.Job;

        public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct)
        {
            Interlocked.Increment(ref attempts);
            try
            {
                await ecs.SendAsync("ListServices", new JsonObject { ["cluster"] = "later" }, ct);
            }
            catch
            {
                Interlocked.Increment(ref failed);
                throw;
            }
            Succeeded = true;
            return ReconcileResult.Done;
        }
    }
}
