using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Store;

/// <summary>Kubernetes-style events about a resource, kept with a TTL.</summary>
public interface IEventStore
{
    /// <summary>Records an event, folded into the key's rows by <see cref="EventAggregation.Merge"/>: the same type,
    /// reason and message within <see cref="EventAggregation.Window"/> increments a row's count and last-seen time
    /// instead of adding a row. Operator code records through <c>Controller.EventRecorder</c>.</summary>
    Task RecordAsync(ResourceKey key, ResourceEvent evt, CancellationToken ct);

    /// <summary>Events of one resource (or of all when null), oldest first, expired ones left out.</summary>
    Task<IReadOnlyList<ResourceEvent>> ListAsync(ResourceKey? key, CancellationToken ct);
}

/// <param name="Type">Normal or Warning.</param>
public sealed record ResourceEvent(
    ResourceKey Key,
    string Type,
    string Reason,
    string Message,
    int Count,
    DateTimeOffset FirstTimestamp,
    DateTimeOffset LastTimestamp)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}

/// <summary>Leases for leader election (conditional writes on one item per lease).</summary>
public interface ILeaseStore
{
    /// <summary>Acquires the lease when free or expired, or renews it when <paramref name="holder"/> holds it.
    /// Returns the lease as it now stands (holder may be someone else).</summary>
    Task<Lease> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct);

    /// <summary>Releases the lease if <paramref name="holder"/> holds it.</summary>
    Task ReleaseAsync(string name, string holder, CancellationToken ct);
}

public sealed record Lease(string Name, string Holder, DateTimeOffset RenewedAt, DateTimeOffset ExpiresAt);
