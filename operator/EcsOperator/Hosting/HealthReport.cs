using EcsOperator.Core.Controller;

namespace EcsOperator.Hosting;

/// <summary>
/// The answers of <c>/healthz</c> and <c>/readyz</c>. Live: false only when restarting would help (the leader lost its
/// lease store, or <see cref="ReconcileWatchdog"/> finds the process wedged). Ready: this replica can do its part now:
/// the lease store answers, the job queue answers (when configured), and the leader's cache has synced. Both name the
/// lease holder as the store last reported it, never a guess.
/// </summary>
internal sealed class HealthReport(LeaderElection leader, ControllerRuntime runtime, ReconcileWatchdog watchdog, JobIntakeService? intake)
{
    /// <summary>Null when live, else why not.</summary>
    public string? Live()
    {
        if (leader.IsLeader && !leader.LeaseHealthy) return $"lease store unreachable: {leader.LeaseError}";
        return leader.IsLeader ? watchdog.Wedged() : null;
    }

    public (bool Ready, string What) Ready()
    {
        var role = leader.IsLeader ? $"leader ({leader.Identity})" : $"standby {leader.Identity} (leader: {leader.Holder ?? "unknown"})";
        if (!leader.LeaseHealthy)
            return (false, $"{role}; store unreachable: {leader.LeaseError ?? "no answer yet"}");
        if (intake?.QueueError is { } queueError) return (false, $"{role}; job queue unreachable: {queueError}");
        if (leader.IsLeader && !runtime.IsReady) return (false, $"{role}; cache not synced yet");
        return (true, role);
    }
}
