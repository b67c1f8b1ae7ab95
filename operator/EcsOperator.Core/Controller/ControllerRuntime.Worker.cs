using EcsOperator.Core.Aws;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Controller;

public sealed partial class ControllerRuntime
{
    private async Task WorkerAsync(WorkQueue<ResourceKey> q, CancellationToken stop)
    {
        while (true)
        {
            var (key, ok) = await q.GetAsync(stop);
            if (!ok) return;
            try
            {
                await ProcessAsync(q, key, stop);
            }
            catch (Exception e)
            {
                // Never let one key stop a worker: whatever escaped is retried with backoff.
                Log.ReconcileFailed(logger, e, q.NumRequeues(key), e.Message);
                q.AddRateLimited(key);
            }
            finally
            {
                q.Done(key);
            }
        }
    }

    private async Task ProcessAsync(WorkQueue<ResourceKey> q, ResourceKey key, CancellationToken stop)
    {
        if (!reconcilers.TryGetValue(key.Kind, out var reconciler)) return;
        // (a deletion mark does not change the manifest, but it does change what the reconcile must do)
        if (terminal.TryGetValue(key, out var hash) && informer.Get(key) is { IsMarkedForDeletion: false } cached && cached.ManifestHash == hash
            && await StillTheSameManifestAsync(key, hash, stop))
        {
            q.Forget(key);
            return;
        }
        using var scope = logger.BeginScope(new ResourceScope(key));
        if (!reconciler.HandlesDeletionMark && informer.Get(key) is { IsMarkedForDeletion: true }
            && await store.GetAsync(key, stop) is { IsMarkedForDeletion: true } marked)
        {
            // The kind cleans up after a missing item: remove the marked one, and the reconcile below does the rest.
            await store.DeleteAsync(key, marked.Version, stop);
        }
        var started = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.ReconcileTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        var kind = key.Kind.ToString();
        try
        {
            var result = await reconciler.ReconcileAsync(key, linked.Token);
            q.Forget(key);
            terminal.TryRemove(key, out _);
            missing.TryRemove(key, out _);
            if (result.RequeueAfter is { } after) q.AddAfter(key, after);
            var elapsed = time.GetElapsedTime(started);
            metrics.RecordReconcile(kind, result.RequeueAfter is null ? "success" : "requeue", elapsed);
            Log.Reconciled(logger, elapsed.TotalMilliseconds, result.RequeueAfter);
        }
        catch (TerminalReconcileException e)
        {
            q.Forget(key);
            metrics.RecordReconcile(kind, "terminal", time.GetElapsedTime(started));
            Log.Terminal(logger, e.Reason, e.Message);
            if (!await TryRecordAsync(() => RecordTerminalAsync(key, e, stop), stop)) q.AddRateLimited(key);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            metrics.RecordReconcile(kind, "cancelled", time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            metrics.RecordReconcile(kind, "timeout", time.GetElapsedTime(started));
            Log.ReconcileTimedOut(logger, options.ReconcileTimeout);
            q.AddRateLimited(key);
        }
        catch (StatusTooLargeException e)
        {
            metrics.RecordReconcile(kind, "error", time.GetElapsedTime(started));
            Log.StatusTooLarge(logger, e.Bytes, e.Message);
            await TryRecordAsync(() => RecordStatusTooLargeAsync(key, e, stop), stop);
            q.AddRateLimited(key);
        }
        catch (AwsApiException e) when (e.Missing is { } what)
        {
            metrics.RecordReconcile(kind, "blocked", time.GetElapsedTime(started));
            var failures = missing.AddOrUpdate(key, 1, (_, n) => n + 1);
            var wait = MissingResourceRetry.AfterFailures(failures);
            Log.MissingResource(logger, what.ToString(), wait, e.Message);
            q.Forget(key);
            q.AddAfter(key, wait);   // scheduled first: recording is best effort
            await TryRecordAsync(() => RecordMissingAsync(key, what, $"{what} does not exist; retrying in {wait:g} (AWS: {e.ErrorMessage})", stop), stop);
        }
        catch (Exception e)
        {
            metrics.RecordReconcile(kind, "error", time.GetElapsedTime(started));
            Log.ReconcileFailed(logger, e, q.NumRequeues(key) + 1, e.Message);
            q.AddRateLimited(key);
        }
    }

    /// <summary>Records what the runtime reports on an object (status and event); a failure to record is logged, not
    /// thrown. Returns whether it was recorded.</summary>
    private async Task<bool> TryRecordAsync(Func<Task> record, CancellationToken stop)
    {
        try
        {
            await record();
            return true;
        }
        catch (Exception re) when (!stop.IsCancellationRequested)
        {
            Log.TerminalRecordFailed(logger, re);
            return false;
        }
    }

    /// <summary>A terminal key is skipped only when the store (read fresh: the informer's watch may lag a write) still
    /// holds the manifest that failed. Costs one read, and only for keys parked on a terminal error.</summary>
    private async Task<bool> StillTheSameManifestAsync(ResourceKey key, string hash, CancellationToken ct)
    {
        try
        {
            return (await store.GetAsync(key, ct))?.ManifestHash == hash;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return true; // the store is unreadable: keep waiting rather than re-run a known-bad spec
        }
    }
}
