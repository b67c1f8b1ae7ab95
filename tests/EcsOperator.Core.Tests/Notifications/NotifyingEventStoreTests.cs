using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Notifications;
using EcsOperator.Core.Resources;
using EcsOperator.Core.State;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Core.Tests.Notifications;

/// <summary>The notifying store records as before and offers only chosen reasons, once per repeat window.</summary>
public sealed class NotifyingEventStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "notify-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private static readonly ResourceKey Job = new(ResourceKind.Job, "default", "report");
    private static readonly ResourceKey App = new(ResourceKind.App, "default", "web");

    private sealed class Recording : INotificationSink
    {
        public List<(string Target, ResourceEvent Event)> Offered { get; } = [];

        public void Offer(NotificationTarget target, ResourceEvent e) => Offered.Add((target.Name, e));
    }

    private ResourceEvent Event(ResourceKey key, string reason, string message) => new(key, ResourceEvent.Warning, reason, message, 1, time.GetUtcNow(), time.GetUtcNow());

    [Fact]
    public async Task Chosen_reasons_are_offered_once_per_repeat_window_and_everything_is_still_recorded()
    {
        var inner = new LocalResourceStore(new StatePaths(root), time);
        var settings = new NotificationSettings(
        [
            new NotificationTarget("jobs", NotificationTargetKind.Webhook, null, new SecretReference("X", null, null),
                new HashSet<string> { "BackoffLimitExceeded", NotificationSettings.FailedReason }, new HashSet<ResourceKind> { ResourceKind.Job }, 30),
        ], TimeSpan.FromMinutes(30));
        var sink = new Recording();
        var store = new NotifyingEventStore(inner, settings, sink, time);

        await store.RecordAsync(Job, Event(Job, "BackoffLimitExceeded", "3 failures"), default);
        await store.RecordAsync(Job, Event(Job, "BackoffLimitExceeded", "3 failures"), default); // the same, again
        await store.RecordAsync(App, Event(App, "BackoffLimitExceeded", "not a Job"), default);
        await store.RecordAsync(Job, Event(Job, "Launched", "not chosen"), default);
        await store.RecordAsync(Job, Event(Job, NotificationSettings.FailedReason, "never notified"), default);
        Assert.Single(sink.Offered);

        time.Advance(TimeSpan.FromMinutes(31));
        await store.RecordAsync(Job, Event(Job, "BackoffLimitExceeded", "3 failures"), default);
        Assert.Equal(2, sink.Offered.Count);
        var recorded = (await inner.ListAsync(Job, default)).Select(e => e.Reason).ToHashSet();
        Assert.Equal(["BackoffLimitExceeded", "Launched", NotificationSettings.FailedReason], recorded.Order());
        Assert.Single(await inner.ListAsync(App, default));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
