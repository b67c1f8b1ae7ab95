namespace EcsOperator.Core.Apps;

/// <summary>App reconciler settings, defaults in one place.</summary>
public sealed class AppReconcilerOptions
{
    /// <summary>The one AWS region this operator serves. An App whose <c>spec.region</c> names another is refused
    /// (Degraded/RegionMismatch) rather than applied here; null accepts any (tests that do not care).</summary>
    public string? Region { get; set; }

    /// <summary>Whether a service whose App is simply missing from the store (not marked for deletion) is deleted.
    /// Off by default: such a service is reported as an orphan and left alone, so an empty or different store deletes nothing.</summary>
    public bool DeleteOrphans { get; set; }

    /// <summary>With <see cref="DeleteOrphans"/>: an orphan's service is deleted only while at most this share of the
    /// cluster's managed services are orphans (more: stop and report). Applies to clusters of any size.</summary>
    public double MassDeletionThreshold { get; set; } = 0.5;

    /// <summary>With <see cref="DeleteOrphans"/>: an orphan waits this long after the App disappeared before acting, so
    /// that a burst of disappearances (a wiped table, a script) is judged by the mass-deletion guard as one pass.</summary>
    public TimeSpan DeletionGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>This store's epoch (<see cref="Store.IStoreEpochStore"/>), tagged on the services and task definitions
    /// the reconciler creates. A service or revision tagged with another epoch is never deleted, not even when its App
    /// is marked for deletion or with <see cref="DeleteOrphans"/>. Null: nothing is tagged and nothing is refused.</summary>
    public string? StoreEpoch { get; set; }

    /// <summary>How often a rollout in progress is looked at.</summary>
    public TimeSpan RolloutPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a blocked App (conflict, failed hook, guard) is looked at again.</summary>
    public TimeSpan BlockedRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Clusters searched for services whose App was deleted while the operator was down.</summary>
    public IList<string> Clusters { get; } = [];
}
