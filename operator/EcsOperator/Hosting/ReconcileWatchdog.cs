using System.Collections.Concurrent;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Resources;

namespace EcsOperator.Hosting;

/// <summary>
/// What <c>/healthz</c> reports beyond the lease: a process that is alive but cannot do its work. Every reconcile
/// passes through <see cref="Wrap"/>; the process is wedged when one has run longer than the reconcile timeout plus
/// <see cref="StuckGrace"/> (its cancellation was not honoured, the worker is lost), or when for
/// <see cref="FailingFor"/> every reconcile has failed (for instance no status write succeeds for any key). A short
/// outage of the store or of ECS is retried, not reported: restarting would not help.
/// </summary>
internal sealed class ReconcileWatchdog(ControllerOptions options, TimeProvider time)
{
    public static TimeSpan StuckGrace { get; } = TimeSpan.FromSeconds(30);

    public static TimeSpan FailingFor { get; } = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<long, (ResourceKey Key, long Started)> running = new();
    private readonly Lock gate = new();
    private long next;
    private long? failingSince;
    private int failuresInARow;
    private string? lastError;

    public IReconciler Wrap(IReconciler inner) => new Watched(inner, this);

    /// <summary>Why the process is wedged, or null when it is not.</summary>
    public string? Wedged()
    {
        var limit = options.ReconcileTimeout + StuckGrace;
        foreach (var (key, started) in running.Values)
        {
            var elapsed = time.GetElapsedTime(started);
            if (elapsed > limit)
                return $"a reconcile of {key} has run for {(int)elapsed.TotalSeconds} s, beyond the {(int)options.ReconcileTimeout.TotalSeconds} s reconcile timeout";
        }
        lock (gate)
        {
            if (failingSince is { } since && time.GetElapsedTime(since) > FailingFor)
                return $"every reconcile has failed for {(int)time.GetElapsedTime(since).TotalSeconds} s ({failuresInARow} in a row); last: {lastError}";
        }
        return null;
    }

    private long Started(ResourceKey key)
    {
        var id = Interlocked.Increment(ref next);
        running[id] = (key, time.GetTimestamp());
        return id;
    }

    private void Finished(bool ok, string? error)
    {
        lock (gate)
        {
            if (ok)
            {
                (failingSince, failuresInARow, lastError) = (null, 0, null);
                return;
            }
            failingSince ??= time.GetTimestamp();
            failuresInARow++;
            lastError = error;
        }
    }

    private sealed class Watched(IReconciler inner, ReconcileWatchdog dog) : IReconciler
    {
        public ResourceKind Kind => inner.Kind;

        // Forwarded, not defaulted: otherwise the runtime would delete a marked App or Job item itself before the
        // reconciler removed the service or task it owns.
        public bool HandlesDeletionMark => inner.HandlesDeletionMark;

        public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct)
        {
            var id = dog.Started(key);
            try
            {
                var result = await inner.ReconcileAsync(key, ct);
                dog.Finished(ok: true, null);
                return result;
            }
            catch (TerminalReconcileException)
            {
                // An answer about the spec, not a failure of the process.
                dog.Finished(ok: true, null);
                throw;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                dog.Finished(ok: false, $"{key}: {e.Message}");
                throw;
            }
            finally
            {
                dog.running.TryRemove(id, out _);
            }
        }
    }
}
