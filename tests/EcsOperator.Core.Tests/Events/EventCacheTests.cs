using System.Text.Json.Nodes;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Scaling;
using EcsOperator.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Core.Tests.Events;

/// <summary>Events update the shared caches only with news: a duplicate, late or out-of-order event changes nothing.</summary>
public sealed class EventCacheTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    private static JsonObject Task(string status, long? version, int? exitCode = null)
    {
        var t = new JsonObject
        {
            ["taskArn"] = "arn:aws:ecs:us-east-1:1:task/default/abc",
            ["lastStatus"] = status,
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["lastStatus"] = status, ["exitCode"] = exitCode }),
        };
        if (version is { } v) t["version"] = v;
        return t;
    }

    [Fact]
    public async Task A_task_event_applies_only_a_newer_version_and_keeps_the_tracked_tags()
    {
        using var cloud = new SimulatedCloud(new SimulatorOptions { ThrottlingEnabled = false }, time);
        var tracker = new JobTaskTracker(cloud.Ecs, time, TimeSpan.FromMinutes(10));
        var running = Task("RUNNING", 3);
        running["tags"] = new JsonArray(new JsonObject { ["key"] = "ecs.operator/managed", ["value"] = "true" });
        tracker.Observe("default", running);
        var job = new Resources.ResourceKey(Resources.ResourceKind.Job, "default", "j");
        tracker.Own(job, "default", "arn:aws:ecs:us-east-1:1:task/default/abc");

        Assert.Equal(job, tracker.ObserveEvent("default", Task("STOPPED", 5, exitCode: 3)));
        var seen = (await tracker.GetAsync("default", "arn:aws:ecs:us-east-1:1:task/default/abc", default)).Task!;
        Assert.Equal("STOPPED", seen["lastStatus"]!.GetValue<string>());
        Assert.Equal(3, seen["containers"]![0]!["exitCode"]!.GetValue<int>());
        Assert.NotNull(seen["tags"]);

        // a late RUNNING event (lower version) and a duplicate change nothing
        tracker.ObserveEvent("default", Task("RUNNING", 4));
        tracker.ObserveEvent("default", Task("STOPPED", 5, exitCode: 99));
        seen = (await tracker.GetAsync("default", "arn:aws:ecs:us-east-1:1:task/default/abc", default)).Task!;
        Assert.Equal("STOPPED", seen["lastStatus"]!.GetValue<string>());
        Assert.Equal(3, seen["containers"]![0]!["exitCode"]!.GetValue<int>());
    }

    [Fact]
    public void A_task_event_for_an_untracked_task_adds_nothing()
    {
        using var cloud = new SimulatedCloud(new SimulatorOptions { ThrottlingEnabled = false }, time);
        var tracker = new JobTaskTracker(cloud.Ecs, time);
        Assert.Null(tracker.ObserveEvent("default", Task("STOPPED", 9)));
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public async Task An_alarm_event_is_read_at_once_and_only_newer_news_replaces_it()
    {
        using var cloud = new SimulatedCloud(new SimulatorOptions { ThrottlingEnabled = false }, time);
        cloud.Control.SetAlarmState("cpu-high", "OK");
        var cache = new AlarmStateCache(cloud.Alarms, _ => System.Threading.Tasks.Task.FromResult<IReadOnlyCollection<string>>(["cpu-high"]), time, TimeSpan.FromSeconds(15));
        Assert.Equal("OK", (await cache.GetStatesAsync(["cpu-high"], default))["cpu-high"]);
        var refreshes = cache.Refreshes;

        time.Advance(TimeSpan.FromSeconds(1));
        cloud.Control.SetAlarmState("cpu-high", "ALARM"); // what the event reports
        Assert.True(cache.Observe("cpu-high", "ALARM", time.GetUtcNow()));
        Assert.Equal("ALARM", (await cache.GetStatesAsync(["cpu-high"], default))["cpu-high"]);
        Assert.Equal(refreshes, cache.Refreshes); // no DescribeAlarms for it

        // a duplicate and an older event change nothing
        Assert.False(cache.Observe("cpu-high", "ALARM", time.GetUtcNow()));
        Assert.False(cache.Observe("cpu-high", "OK", time.GetUtcNow() - TimeSpan.FromMilliseconds(500)));
        Assert.Equal("ALARM", (await cache.GetStatesAsync(["cpu-high"], default))["cpu-high"]);

        // a later change seen by a new snapshot wins; an event older than it is ignored
        time.Advance(TimeSpan.FromSeconds(1));
        cloud.Control.SetAlarmState("cpu-high", "OK");
        time.Advance(TimeSpan.FromSeconds(1));
        cache.Expire();
        Assert.Equal("OK", (await cache.GetStatesAsync(["cpu-high"], default))["cpu-high"]);
        Assert.False(cache.Observe("cpu-high", "ALARM", time.GetUtcNow() - TimeSpan.FromSeconds(1.5)));
        Assert.Equal("OK", (await cache.GetStatesAsync(["cpu-high"], default))["cpu-high"]);
    }
}
