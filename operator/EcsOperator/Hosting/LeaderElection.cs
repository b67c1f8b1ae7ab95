using EcsOperator.Core.Controller;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Hosting;

/// <summary>
/// Runs the controller only while this process holds the lease (lease 15 s, renew every 10 s, retry every 2 s).
/// A renewal that fails or finds another holder stops reconciling at once; a lease not renewed in time is taken
/// over by a standby. On shutdown the lease is released so a standby takes over immediately.
/// </summary>
internal sealed class LeaderElection(
    ILeaseStore leases, ControllerRuntime runtime, OperatorSettings settings, TimeProvider time, ILogger<LeaderElection> logger,
    IResourceStore? store = null, Core.Jobs.JobsOptions? jobs = null)
    : BackgroundService
{
    private volatile bool leading;

    public bool IsLeader => leading;

    /// <summary>The last lease attempt got an answer (leader or standby): the process is healthy.</summary>
    public bool LeaseHealthy { get; private set; }

    /// <summary>Who holds the lease by the last answer; null when the lease store could not be asked.</summary>
    public string? Holder { get; private set; }

    /// <summary>Why the last lease attempt got no answer (the store cannot be reached), or null.</summary>
    public string? LeaseError { get; private set; }

    public string Identity => settings.Identity;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CancellationTokenSource? term = null;
        Task? running = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var held = await TryHoldAsync(stoppingToken);
                if (held && running is null)
                {
                    leading = true;
                    Log.BecameLeader(logger, settings.Identity);
                    term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    running = RunControllerAsync(term.Token);
                }
                else if (!held && running is not null)
                {
                    leading = false;
                    await term!.CancelAsync();
                    await running;
                    term.Dispose();
                    (term, running) = (null, null);
                }
                try
                {
                    await Task.Delay(held ? settings.RenewInterval : settings.RetryInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            leading = false;
            if (term is not null)
            {
                await term.CancelAsync();
                await running!;
                term.Dispose();
            }
            try
            {
                using var release = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await leases.ReleaseAsync(settings.LeaseName, settings.Identity, release.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.LeaseError(logger, e);
            }
        }
    }

    private async Task<bool> TryHoldAsync(CancellationToken ct)
    {
        try
        {
            var lease = await leases.TryAcquireAsync(settings.LeaseName, settings.Identity, settings.LeaseDuration, ct);
            LeaseHealthy = true;
            LeaseError = null;
            Holder = lease.Holder;
            if (lease.Holder == settings.Identity) return true;
            if (leading) Log.LostLease(logger, settings.Identity, lease.Holder);
            else Log.StandingBy(logger, lease.Holder);
            return false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return leading;
        }
        catch (Exception e)
        {
            LeaseHealthy = false;
            LeaseError = e.Message;
            // A stale holder (perhaps this process) would be a lie: who leads is unknown until the store answers.
            Holder = null;
            Log.LeaseError(logger, e);
            return false;
        }
    }

    /// <summary>Before the first reconcile: the store's epoch (written now if the store has none), which the
    /// reconcilers tag on what they create and compare before deleting. A store that keeps no epoch (a test wrapper)
    /// leaves it unset: nothing is tagged and nothing is refused for it.</summary>
    private async Task LearnStoreEpochAsync(CancellationToken ct)
    {
        if (settings.Apps.StoreEpoch is not null || store is not IStoreEpochStore epochs) return;
        var epoch = await epochs.EnsureEpochAsync(ct);
        settings.Apps.StoreEpoch = epoch;
        if (jobs is not null) jobs.StoreEpoch = epoch;
        Log.StoreEpoch(logger, epoch);
    }

    private async Task RunControllerAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await LearnStoreEpochAsync(ct);
                await runtime.RunAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Log.ControllerCrashed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None);
            }
        }
    }
}
