using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;
using System.Text.Json.Nodes;

namespace EcsOperator.Tests.Scaling;

/// <summary>The sample ScalePolicy (min 2, ceilings [10, 25] with a 600 s cooldown, idle 240 s, a 1:45–4:30 Tokyo
/// minimum of 8) through a simulated day of alarms on the simulator, reconciled on a fake clock.</summary>
public sealed class ScalePolicyDayTests
{
    private const string Cluster = "default";

    private const string PolicyYaml = """
        apiVersion: ecs.operator/v1
        kind: ScalePolicy
        metadata:
          name: web
        spec:
          targetRef: web
          minTaskCount: 2
          maxTaskCount: [10, 25]
          cooldownTimeForReachMaxSeconds: 600
          step: 1
          idleTimeSeconds: 240
          scheduledMinTaskCount:
            - {from: "1:45", to: "4:30", count: 8, timeZone: Asia/Tokyo}
          upscaleTriggers:
            - alarmName: web-cpu-high
              state: ALARM
          downscaleTriggers:
            - alarmName: web-cpu-low
              state: ALARM
        """;

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_day_of_alarms_steps_up_holds_at_10_unlocks_25_keeps_the_night_minimum_and_steps_down()
    {
        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        w.Cloud.Control.EnsureDefaultCluster(instanceCount: 8, maxInstances: 10);
        await w.CreateServiceAsync(Cluster, "web", cpu: 512, memory: 1024, desired: 2);
        await w.PutAsync(ScalingWorld.AppYaml("web", Cluster, 512, 1024));
        var key = await w.PutAsync(PolicyYaml);
        w.Cloud.Control.SetAlarmState("web-cpu-high", "OK");
        w.Cloud.Control.SetAlarmState("web-cpu-low", "OK");
        var trace = new List<(DateTimeOffset At, int Count)> { (w.Now, 2) };

        async Task<int> RunAsync(TimeSpan step, Func<int, bool> until, TimeSpan limit)
        {
            var end = w.Now + limit;
            while (true)
            {
                await w.TickAsync(step, key);
                var count = await w.DesiredCountAsync(Cluster, "web");
                if (count != trace[^1].Count) trace.Add((w.Now, count));
                if (until(count)) return count;
                Assert.True(w.Now < end, $"gave up at {w.Now:O} with {count}; trace {string.Join(", ", trace.Select(t => $"{t.At:HH:mm:ss}={t.Count}"))}");
            }
        }

        // Morning: CPU high. One task per idle time, up to the first ceiling.
        w.Cloud.Control.SetAlarmState("web-cpu-high", "ALARM");
        await RunAsync(Tick, c => c == 10, TimeSpan.FromHours(1));
        AssertSteps(trace, +1, TimeSpan.FromSeconds(240));
        var reached10 = trace[^1].At;
        Assert.Contains(await w.Store.ListAsync(key, default), e => e.Reason == "ScaledUp" && e.Message.Contains("9 -> 10", StringComparison.Ordinal));
        var status = await w.StatusAsync(key);
        Assert.Equal(10, status.Obj("ceilingTimer").Int("ceiling"));
        Assert.Equal(reached10, Utc(status.Obj("ceilingTimer").Str("reachedAt")!));

        // Held at 10 until 600 s at the ceiling have passed, although the alarm keeps firing.
        await RunAsync(Tick, c => c != 10, TimeSpan.FromHours(1));
        Assert.Equal(11, trace[^1].Count);
        Assert.InRange(trace[^1].At - reached10, TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(600) + Tick);

        // On to the top ceiling, and not one task more.
        await RunAsync(Minute, c => c == 25, TimeSpan.FromHours(2));
        AssertSteps(trace, +1, TimeSpan.FromSeconds(240));
        var at25 = trace.Count;
        await RunAsync(Minute, _ => w.Now > trace[^1].At + TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(11));
        Assert.Equal(at25, trace.Count);
        status = await w.StatusAsync(key);
        Assert.Equal(25, status.Int("currentMaxTaskCount"));
        Assert.Contains("top ceiling", status.Obj("ceiling").Str("reason"), StringComparison.Ordinal);

        // Someone sets 40 by hand: reported, and pulled back to the top ceiling.
        await w.Cloud.Ecs.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = Cluster, ["service"] = "web", ["desiredCount"] = 40 }, default);
        await w.TickAsync(Tick, key);
        Assert.Equal(25, await w.DesiredCountAsync(Cluster, "web"));
        var events = await w.Store.ListAsync(key, default);
        Assert.Contains(events, e => e.Reason == "ExternalChange" && e.Message.Contains("from 25 to 40", StringComparison.Ordinal));
        Assert.Equal(40, (await w.StatusAsync(key)).Obj("externalChange").Int("to"));

        // Afternoon: CPU low. One task per idle time back to the minimum, never below it.
        w.Cloud.Control.SetAlarmState("web-cpu-high", "OK");
        w.Cloud.Control.SetAlarmState("web-cpu-low", "ALARM");
        var downFrom = trace.Count;
        trace.Add((w.Now, 25));
        await RunAsync(Minute, c => c == 2, TimeSpan.FromHours(3));
        AssertSteps(trace.Skip(downFrom).ToList(), -1, TimeSpan.FromSeconds(240));
        await RunAsync(TimeSpan.FromMinutes(15), _ => w.Now.Hour >= 10, TimeSpan.FromHours(8));
        Assert.Equal(2, await w.DesiredCountAsync(Cluster, "web"));

        // An alarm disappears: the count is held and the condition says which.
        w.Cloud.Control.DeleteAlarm("web-cpu-low");
        await w.TickAsync(Tick, key);
        var active = StatusConditions.Get(await w.StatusAsync(key), ScaleConditions.ScalingActive);
        Assert.Equal(("False", ScaleConditions.AlarmNotFound), (active.Str("status"), active.Str("reason")));
        Assert.Contains("web-cpu-low", active.Str("message"), StringComparison.Ordinal);
        w.Cloud.Control.SetAlarmState("web-cpu-low", "ALARM");

        // Night in Tokyo (1:45–4:30 JST = 16:45–19:30 UTC): the scheduled minimum of 8 wins over the firing downscale alarm.
        await RunAsync(TimeSpan.FromMinutes(5), _ => w.Now >= Utc("2026-11-26T16:40:00Z"), TimeSpan.FromHours(7));
        Assert.Equal(2, await w.DesiredCountAsync(Cluster, "web"));
        var windowOpened = await RunAsync(Tick, c => c != 2, TimeSpan.FromMinutes(10));
        Assert.Equal(8, windowOpened);
        Assert.InRange(trace[^1].At, Utc("2026-11-26T16:45:00Z"), Utc("2026-11-26T16:45:00Z") + Tick);
        Assert.Contains("scheduledMinTaskCount[0]", (await w.StatusAsync(key)).Obj("minimum").Str("source"), StringComparison.Ordinal);
        await RunAsync(TimeSpan.FromMinutes(5), _ => w.Now >= Utc("2026-11-26T19:25:00Z"), TimeSpan.FromHours(3));
        Assert.Equal(8, await w.DesiredCountAsync(Cluster, "web"));
        var afterWindow = await RunAsync(Tick, c => c != 8, TimeSpan.FromMinutes(10));
        Assert.Equal(7, afterWindow);
        Assert.InRange(trace[^1].At, Utc("2026-11-26T19:30:00Z"), Utc("2026-11-26T19:30:00Z") + Tick);
        await RunAsync(Minute, c => c == 2, TimeSpan.FromHours(1));

        Assert.Contains(await w.Store.ListAsync(key, default), e => e.Reason == "ScaledDown");
        Assert.All(trace.Select(t => t.Count), c => Assert.InRange(c, 2, 25));
    }

    private static void AssertSteps(IReadOnlyList<(DateTimeOffset At, int Count)> trace, int step, TimeSpan idle)
    {
        for (var i = 1; i < trace.Count; i++)
        {
            if (trace[i].Count == 40 || trace[i - 1].Count == 40) continue;
            Assert.True(Math.Sign(trace[i].Count - trace[i - 1].Count) == Math.Sign(step), $"step {trace[i - 1].Count} -> {trace[i].Count}");
            Assert.InRange(Math.Abs(trace[i].Count - trace[i - 1].Count), 1, Math.Abs(step));
            if (i > 1) Assert.True(trace[i].At - trace[i - 1].At >= idle, $"{trace[i - 1].At:HH:mm:ss} -> {trace[i].At:HH:mm:ss} inside idle time");
        }
    }

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
