using EcsOperator.Core.Scaling;
using EcsOperator.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Core.Tests.Scaling;

public sealed class AlarmStateCacheTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    private (AlarmStateCache Cache, SimulatedCloud Cloud, Func<int> Listings) Create(IReadOnlyCollection<string> all)
    {
        var cloud = new SimulatedCloud(new SimulatorOptions { ThrottlingEnabled = false }, time);
        var listings = 0;
        var cache = new AlarmStateCache(cloud.Alarms, _ => { listings++; return Task.FromResult(all); }, time, TimeSpan.FromSeconds(15));
        return (cache, cloud, () => listings);
    }

    [Fact]
    public async Task One_batched_read_of_every_policys_alarms_serves_the_whole_pass()
    {
        var all = Enumerable.Range(0, 250).Select(i => $"alarm-{i}").ToList();
        var (cache, cloud, listings) = Create(all);
        using var _ = cloud;
        cloud.Control.SetAlarmState("alarm-7", "ALARM");
        cloud.Control.SetAlarmState("alarm-8", "OK");

        var first = await cache.GetStatesAsync(["alarm-7", "alarm-8", "alarm-9"], default);
        var second = await cache.GetStatesAsync(["alarm-100"], default);
        Assert.Equal(3, cache.Refreshes); // 250 names, 100 a request
        Assert.Equal(1, listings());
        Assert.Equal(new Dictionary<string, string> { ["alarm-7"] = "ALARM", ["alarm-8"] = "OK" }, first);
        Assert.Empty(second); // alarm-100 does not exist: absent, not an error

        cloud.Control.SetAlarmState("alarm-8", "ALARM");
        time.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal("OK", (await cache.GetStatesAsync(["alarm-8"], default))["alarm-8"]);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("ALARM", (await cache.GetStatesAsync(["alarm-8"], default))["alarm-8"]);
        Assert.Equal(6, cache.Refreshes);
    }

    [Fact]
    public async Task A_name_missing_from_the_snapshot_is_read_alone()
    {
        var (cache, cloud, _) = Create(["a", "b"]);
        using var __ = cloud;
        cloud.Control.SetAlarmState("new", "ALARM");
        await cache.GetStatesAsync(["a"], default);
        var states = await cache.GetStatesAsync(["a", "new"], default);
        Assert.Equal("ALARM", states["new"]);
        Assert.Equal(2, cache.Refreshes);
        await cache.GetStatesAsync(["new"], default);
        Assert.Equal(2, cache.Refreshes);
    }
}
