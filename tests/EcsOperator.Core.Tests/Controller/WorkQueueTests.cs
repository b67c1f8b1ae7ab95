using EcsOperator.Core.Controller;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Core.Tests.Controller;

public sealed class WorkQueueTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    [Fact]
    public async Task A_burst_of_adds_collapses_into_one_item()
    {
        using var q = new WorkQueue<string>(time);
        for (var i = 0; i < 50; i++) q.Add("a");
        q.Add("b");
        Assert.Equal(2, q.Count);
        var (first, _) = await q.GetAsync(CancellationToken.None);
        var (second, _) = await q.GetAsync(CancellationToken.None);
        Assert.Equal(["a", "b"], new[] { first, second });
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public async Task An_item_added_while_processing_is_not_handed_out_until_done()
    {
        using var q = new WorkQueue<string>(time);
        q.Add("a");
        var (item, _) = await q.GetAsync(CancellationToken.None);
        q.Add("a");
        q.Add("a");
        Assert.Equal(0, q.Count);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var (_, ok) = await q.GetAsync(cts.Token);
        Assert.False(ok);
        q.Done(item);
        Assert.Equal(1, q.Count);
        var (again, ok2) = await q.GetAsync(CancellationToken.None);
        Assert.True(ok2);
        Assert.Equal("a", again);
    }

    [Fact]
    public async Task Normal_items_are_handed_out_before_a_backlog_of_low_ones()
    {
        using var q = new WorkQueue<string>(time);
        q.AddLow("listed1");
        q.AddLow("listed2");
        q.AddLow("listed3");
        q.Add("poll");
        q.Add("listed3"); // a watch event promotes a waiting low item
        q.AddLow("poll"); // and a listing never demotes a normal one
        Assert.Equal(4, q.Count);
        var order = new List<string>();
        for (var i = 0; i < 4; i++) order.Add((await q.GetAsync(CancellationToken.None)).Item);
        Assert.Equal(["poll", "listed3", "listed1", "listed2"], order);
        Assert.Equal(0, q.Count);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.False((await q.GetAsync(cts.Token)).Ok);
    }

    [Fact]
    public async Task A_low_item_added_while_processing_comes_back_low_unless_promoted()
    {
        using var q = new WorkQueue<string>(time);
        q.AddLow("a");
        q.AddLow("b");
        var (a, _) = await q.GetAsync(CancellationToken.None);
        q.AddLow(a);
        q.Done(a);
        q.Add("c");
        var (b, _) = await q.GetAsync(CancellationToken.None);
        q.AddLow(b);
        q.Add(b);
        q.Done(b);
        var order = new List<string>();
        for (var i = 0; i < 3; i++) order.Add((await q.GetAsync(CancellationToken.None)).Item);
        Assert.Equal(["c", "b", "a"], order);
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public void AddAfter_waits_for_the_clock_and_the_earliest_delay_wins()
    {
        using var q = new WorkQueue<string>(time);
        q.AddAfter("a", TimeSpan.FromSeconds(10));
        q.AddAfter("a", TimeSpan.FromSeconds(3));
        q.AddAfter("a", TimeSpan.FromSeconds(20));
        Assert.Equal(0, q.Count);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, q.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, q.Count);
        Assert.Equal(0, q.DelayedCount);
    }

    [Fact]
    public void Per_item_backoff_doubles_from_5ms_to_1000s_and_forget_resets_it()
    {
        var limiter = new ExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        var delays = Enumerable.Range(0, 30).Select(_ => limiter.When("a")).ToList();
        Assert.Equal(TimeSpan.FromMilliseconds(5), delays[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(10), delays[1]);
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 1024), delays[10]);
        Assert.Equal(TimeSpan.FromSeconds(1000), delays[29]);
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("b"));
        limiter.Forget("a");
        Assert.Equal(0, limiter.NumRequeues("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
    }

    [Fact]
    public void The_overall_bucket_allows_a_burst_of_100_then_10_per_second()
    {
        var limiter = RateLimiters.Default<string>(time);
        var delays = Enumerable.Range(0, 110).Select(i => limiter.When($"k{i}")).ToList();
        Assert.All(delays.Take(100), d => Assert.Equal(TimeSpan.FromMilliseconds(5), d));
        Assert.Equal(TimeSpan.FromMilliseconds(100), delays[100]);
        Assert.Equal(TimeSpan.FromSeconds(1), delays[109]);
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("fresh"));
    }

    [Fact]
    public async Task Shutdown_releases_waiting_workers()
    {
        using var q = new WorkQueue<string>(time);
        var waiting = q.GetAsync(CancellationToken.None);
        q.ShutDown();
        var (_, ok) = await waiting;
        Assert.False(ok);
        q.Add("late");
        Assert.Equal(0, q.Count);
    }
}
