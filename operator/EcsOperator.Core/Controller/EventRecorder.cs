using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Controller;

/// <summary>
/// The one way the operator records an event about a resource: stamped with the clock, handed to the event store,
/// which aggregates repeats Kubernetes-style (<see cref="EventAggregation"/>: the same type, reason and message within
/// <see cref="EventAggregation.Window"/> increments <c>count</c> instead of adding a row).
/// </summary>
public sealed class EventRecorder(IEventStore store, TimeProvider time)
{
    public Task NormalAsync(ResourceKey key, string reason, string message, CancellationToken ct) =>
        RecordAsync(key, ResourceEvent.Normal, reason, message, ct);

    public Task WarningAsync(ResourceKey key, string reason, string message, CancellationToken ct) =>
        RecordAsync(key, ResourceEvent.Warning, reason, message, ct);

    /// <param name="type"><see cref="ResourceEvent.Normal"/> or <see cref="ResourceEvent.Warning"/>.</param>
    public Task RecordAsync(ResourceKey key, string type, string reason, string message, CancellationToken ct) =>
        store.RecordAsync(key, Create(key, type, reason, message, time.GetUtcNow()), ct);

    /// <summary>A new event, seen once at <paramref name="now"/>.</summary>
    public static ResourceEvent Create(ResourceKey key, string type, string reason, string message, DateTimeOffset now) =>
        new(key, type, reason, message, 1, now, now);
}
