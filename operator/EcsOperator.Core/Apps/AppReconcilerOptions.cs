namespace EcsOperator.Core.Apps;

/// <summary>App reconciler settings, defaults in one place.</summary>
public sealed class AppReconcilerOptions
{
    /// <summary>The one AWS region this operator serves. An App whose <c>spec.region</c> names another is refused
    /// (Degraded/RegionMismatch) rather than applied here; null accepts any (tests that do not care).</summary>
    public string? Region { get; set; }

    /// <summary>Share of a cluster's managed services one pass may delete (above it: stop and report).</summary>
    public double MassDeletionThreshold { get; set; } = 0.5;

    /// <summary>The guard applies once at least this many services in the cluster are managed.</summary>
    public int MassDeletionMinimum { get; set; } = 5;

    /// <summary>A deletion waits this long after the App disappeared before acting, so that a burst of deletions
    /// (a wiped table, a script) is judged by the mass-deletion guard as one pass.</summary>
    public TimeSpan DeletionGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a rollout in progress is looked at.</summary>
    public TimeSpan RolloutPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a blocked App (conflict, failed hook, guard) is looked at again.</summary>
    public TimeSpan BlockedRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Clusters searched for services whose App was deleted while the operator was down.</summary>
    public IList<string> Clusters { get; } = [];
}
