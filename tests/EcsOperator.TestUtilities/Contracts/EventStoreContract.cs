using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.TestUtilities.Contracts;

/// <summary>What every <see cref="IEventStore"/> must do: aggregation of repeats within <see cref="EventAggregation.Window"/>, oldest first, a one-hour TTL.
/// Derive and pass <see cref="Time"/> to the store.</summary>
public abstract class EventStoreContract
{
    protected FakeTimeProvider Time { get; } = ContractClock.Create();

    protected string Ns { get; } = ContractClock.UniqueNamespace();

    protected abstract Task<IEventStore> CreateStoreAsync();

    private static CancellationToken Ct => CancellationToken.None;

    private ResourceKey Web => new(ResourceKind.App, Ns, "web");

    private static ResourceEvent Event(ResourceKey key, string reason, string message, string type = ResourceEvent.Normal) =>
        new(key, type, reason, message, 1, default, default);

    private async Task<IReadOnlyList<ResourceEvent>> Mine(IEventStore store, ResourceKey? key = null) =>
        (await store.ListAsync(key, Ct)).Where(e => e.Key.Namespace == Ns).ToList();

    [SkippableFact]
    public async Task Events_are_listed_oldest_first_with_their_fields()
    {
        var store = await CreateStoreAsync();
        await store.RecordAsync(Web, Event(Web, "Created", "registered task definition web:1"), Ct);
        Time.Advance(TimeSpan.FromSeconds(5));
        await store.RecordAsync(Web, Event(Web, "Failed", "service did not stabilise", ResourceEvent.Warning), Ct);

        var events = await store.ListAsync(Web, Ct);
        Assert.Equal(["Created", "Failed"], events.Select(e => e.Reason));
        Assert.Equal(Web, events[0].Key);
        Assert.Equal(ResourceEvent.Warning, events[1].Type);
        Assert.Equal("service did not stabilise", events[1].Message);
        Assert.Equal(ContractClock.Start, events[0].FirstTimestamp);
        Assert.Equal(ContractClock.Start.AddSeconds(5), events[1].LastTimestamp);
        Assert.All(events, e => Assert.Equal(1, e.Count));
    }

    [SkippableFact]
    public async Task A_repeat_of_the_latest_event_is_counted_not_added()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            await store.RecordAsync(Web, Event(Web, "Throttled", "ECS throttled UpdateService"), Ct);
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        var e = Assert.Single(await store.ListAsync(Web, Ct));
        Assert.Equal(3, e.Count);
        Assert.Equal(ContractClock.Start, e.FirstTimestamp);
        Assert.Equal(ContractClock.Start.AddMinutes(2), e.LastTimestamp);
    }

    [SkippableFact]
    public async Task A_repeat_within_the_window_is_counted_even_after_other_events()
    {
        var store = await CreateStoreAsync();
        await store.RecordAsync(Web, Event(Web, "A", "a"), Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.RecordAsync(Web, Event(Web, "B", "b"), Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.RecordAsync(Web, Event(Web, "A", "a"), Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.RecordAsync(Web, Event(Web, "A", "a different message"), Ct);
        var events = await store.ListAsync(Web, Ct);
        Assert.Equal([("A", 2), ("B", 1), ("A", 1)], events.Select(e => (e.Reason, e.Count)));

        Time.Advance(EventAggregation.Window);
        await store.RecordAsync(Web, Event(Web, "B", "b"), Ct);
        Assert.Equal(2, (await store.ListAsync(Web, Ct)).Count(e => e.Reason == "B")); // outside the window: a new row
    }

    [SkippableFact]
    public async Task Events_expire_an_hour_after_they_were_last_seen()
    {
        var store = await CreateStoreAsync();
        var job = new ResourceKey(ResourceKind.Job, Ns, "once");
        await store.RecordAsync(Web, Event(Web, "Old", "seen once"), Ct);
        await store.RecordAsync(job, Event(job, "Repeating", "seen again"), Ct);
        Time.Advance(TimeSpan.FromMinutes(5));
        await store.RecordAsync(job, Event(job, "Repeating", "seen again"), Ct);
        Time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal(2, (await Mine(store)).Count);

        Time.Advance(TimeSpan.FromMinutes(2)); // 61 min after "Old", 56 min after the repeat
        var left = Assert.Single(await Mine(store));
        Assert.Equal("Repeating", left.Reason);
        Assert.Equal(2, left.Count);
        Assert.Empty(await store.ListAsync(Web, Ct));

        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(await Mine(store));
    }

    [SkippableFact]
    public async Task Listing_all_keys_merges_resources_by_time()
    {
        var store = await CreateStoreAsync();
        var job = new ResourceKey(ResourceKind.Job, Ns, "migrate");
        await store.RecordAsync(Web, Event(Web, "First", "1"), Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.RecordAsync(job, Event(job, "Second", "2"), Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.RecordAsync(Web, Event(Web, "Third", "3"), Ct);

        var all = await Mine(store);
        Assert.Equal(["First", "Second", "Third"], all.Select(e => e.Reason));
        Assert.Equal([Web, job, Web], all.Select(e => e.Key));
        Assert.Equal(["Second"], (await store.ListAsync(job, Ct)).Select(e => e.Reason));
    }
}
