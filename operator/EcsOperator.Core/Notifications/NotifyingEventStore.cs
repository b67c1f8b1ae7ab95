using System.Collections.Concurrent;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Notifications;

/// <summary>Takes notifications to deliver; never blocks and never throws (delivery happens elsewhere).</summary>
public interface INotificationSink
{
    /// <summary>Hands <paramref name="e"/> over for delivery to <paramref name="target"/>.</summary>
    void Offer(NotificationTarget target, ResourceEvent e);
}

/// <summary>
/// An <see cref="IEventStore"/> that also notifies: every event recorded through it whose reason a target chose is
/// offered to the sink once it is stored. Recording stays as before (the inner store decides counts and TTLs); the
/// reconcile that recorded the event never waits for a delivery. An event repeated with the same reason and message
/// (a condition that persists and is recorded every pass) is notified again only after
/// <see cref="NotificationSettings.RepeatAfter"/>. <see cref="NotificationSettings.FailedReason"/> is never notified, so
/// a failing target cannot feed itself.
/// </summary>
public sealed class NotifyingEventStore(IEventStore inner, NotificationSettings settings, INotificationSink sink, TimeProvider time) : IEventStore
{
    private readonly ConcurrentDictionary<(ResourceKey Key, string Target, string Reason, string Message), DateTimeOffset> sent = new();

    /// <summary>The store underneath (delivery failures are recorded there, past the notifications).</summary>
    public IEventStore Inner => inner;

    public async Task RecordAsync(ResourceKey key, ResourceEvent evt, CancellationToken ct)
    {
        await inner.RecordAsync(key, evt, ct);
        if (evt.Reason == NotificationSettings.FailedReason) return;
        var now = time.GetUtcNow();
        foreach (var target in settings.Targets)
        {
            if (!target.Matches(evt)) continue;
            var id = (key, target.Name, evt.Reason, evt.Message);
            if (sent.TryGetValue(id, out var at) && now - at < settings.RepeatAfter) continue;
            sent[id] = now;
            sink.Offer(target, evt);
        }
        if (sent.Count > 10_000) Prune(now);
    }

    public Task<IReadOnlyList<ResourceEvent>> ListAsync(ResourceKey? key, CancellationToken ct) => inner.ListAsync(key, ct);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, at) in sent)
        {
            if (now - at >= settings.RepeatAfter) sent.TryRemove(id, out _);
        }
    }
}
