using EcsOperator.Core.Controller;
using EcsOperator.Core.Resources;
using EcsOperator.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Tests.Hosting;

/// <summary>/healthz's wedge detection: a worker stuck past the reconcile timeout, or every reconcile failing.</summary>
public sealed class ReconcileWatchdogTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly ReconcileWatchdog dog;

    public ReconcileWatchdogTests() => dog = new ReconcileWatchdog(new ControllerOptions { ReconcileTimeout = TimeSpan.FromMinutes(2) }, time);

    private static readonly ResourceKey Web = new(ResourceKind.App, "default", "web");

    [Fact]
    public async Task A_reconcile_that_ignores_its_cancellation_past_the_timeout_makes_the_process_wedged()
    {
        var release = new TaskCompletionSource<ReconcileResult>();
        var stuck = dog.Wrap(new Reconciler(_ => release.Task));
        var running = stuck.ReconcileAsync(Web, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(dog.Wedged());
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("a reconcile of App/default/web has run for 151 s, beyond the 120 s reconcile timeout", dog.Wedged());

        release.SetResult(ReconcileResult.Done);
        await running;
        Assert.Null(dog.Wedged());
    }

    [Fact]
    public async Task Every_reconcile_failing_for_five_minutes_makes_the_process_wedged_and_one_success_clears_it()
    {
        var fail = true;
        var r = dog.Wrap(new Reconciler(_ => fail ? throw new IOException("status write refused") : Task.FromResult(ReconcileResult.Done)));

        for (var i = 0; i < 6; i++)
        {
            await Assert.ThrowsAsync<IOException>(() => r.ReconcileAsync(Web, CancellationToken.None));
            Assert.Null(dog.Wedged());
            time.Advance(TimeSpan.FromMinutes(1));
        }
        await Assert.ThrowsAsync<IOException>(() => r.ReconcileAsync(Web, CancellationToken.None));
        Assert.StartsWith("every reconcile has failed for 360 s (7 in a row); last: App/default/web: status write refused", dog.Wedged());

        fail = false;
        await r.ReconcileAsync(Web, CancellationToken.None);
        Assert.Null(dog.Wedged());
    }

    [Fact]
    public async Task Terminal_errors_are_answers_about_a_spec_not_a_wedge()
    {
        var r = dog.Wrap(new Reconciler(_ => throw new TerminalReconcileException("Rejected", "invalid")));
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<TerminalReconcileException>(() => r.ReconcileAsync(Web, CancellationToken.None));
            time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Null(dog.Wedged());
    }

    private sealed class Reconciler(Func<ResourceKey, Task<ReconcileResult>> body) : IReconciler
    {
        public ResourceKind Kind => ResourceKind.App;

        public Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct) => body(key);
    }
}
