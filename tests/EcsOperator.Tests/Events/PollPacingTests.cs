using EcsOperator.Core.Events;
using EcsOperator.Tests.Scaling;

namespace EcsOperator.Tests.Events;

/// <summary>While AWS events flow the policy pass and its snapshots stretch; when the events queue falls silent or cannot
/// be read, the usual intervals are back. A policy with queue triggers never stretches (queue depth is only polled).</summary>
public sealed class PollPacingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static string Policy(string name, string extra = "") => $$"""
        apiVersion: ecs.operator/v1
        kind: ScalePolicy
        metadata: {name: {{name}}}
        spec:
          targetRef: {{name}}
          minTaskCount: 1
          maxTaskCount: 4
          idleTimeSeconds: 0
          upscaleTriggers: [{alarmName: {{name}}-high}]
        {{extra}}
        """;

    private static async Task<(ScalingWorld World, EventIntakeStats Stats)> WorldAsync()
    {
        EventIntakeStats? stats = null;
        var w = new ScalingWorld(Start, pacing: time => new PollPacing(stats = new EventIntakeStats(time)));
        w.Cloud.Control.EnsureDefaultCluster(instanceCount: 3);
        foreach (var app in new[] { "web", "api" })
        {
            w.Cloud.Control.SetAlarmState($"{app}-high", "OK");
            await w.PutAsync(ScalingWorld.AppYaml(app, "default", 256, 512));
            await w.CreateServiceAsync("default", app, 256, 512, desired: 1);
        }
        return (w, stats!);
    }

    private static void EventArrived(EventIntakeStats stats, DateTimeOffset now)
    {
        stats.Reachable(now);
        stats.Routed(new AlarmStateChanged("e", now, "other", "OK", now), now);
    }

    [Fact]
    public async Task The_policy_pass_stretches_while_events_flow_and_returns_when_the_queue_is_silent_or_unreachable()
    {
        var (w, stats) = await WorldAsync();
        using var _ = w;
        var key = await w.PutAsync(Policy("web"));
        var usual = w.Options.PolicyPassInterval;

        Assert.Equal(usual, (await w.Policies.ReconcileAsync(key, default)).RequeueAfter);

        EventArrived(stats, w.Now);
        Assert.Equal(usual * 10, (await w.Policies.ReconcileAsync(key, default)).RequeueAfter);

        stats.Unreachable();
        Assert.Equal(usual, (await w.Policies.ReconcileAsync(key, default)).RequeueAfter);

        EventArrived(stats, w.Now);
        w.Time.Advance(stats.SilenceWindow);
        stats.Reachable(w.Now); // the queue answers, but no event came for the whole window
        Assert.Equal(usual, (await w.Policies.ReconcileAsync(key, default)).RequeueAfter);
    }

    [Fact]
    public async Task A_policy_with_queue_triggers_keeps_its_pass_while_events_flow()
    {
        var (w, stats) = await WorldAsync();
        using var _ = w;
        var key = await w.PutAsync(Policy("web", "  queueTriggers: [{queueUrl: 'http://localhost/123/jobs', targetMessagesPerTask: 10}]"));
        EventArrived(stats, w.Now);
        Assert.Equal(w.Options.PolicyPassInterval, (await w.Policies.ReconcileAsync(key, default)).RequeueAfter);
    }

    [Fact]
    public async Task While_events_flow_policies_passed_apart_share_one_service_snapshot()
    {
        var (w, stats) = await WorldAsync();
        using var _ = w;
        var web = await w.PutAsync(Policy("web"));
        var api = await w.PutAsync(Policy("api"));
        EventArrived(stats, w.Now);
        await w.Policies.ReconcileAsync(web, default);
        var listed = w.Cloud.EcsCallCounts.GetValueOrDefault("ListServices");

        // a usual pass later: without events this would take a new snapshot
        w.Time.Advance(w.Options.PolicyPassInterval * 2);
        EventArrived(stats, w.Now);
        await w.Policies.ReconcileAsync(api, default);
        Assert.Equal(listed, w.Cloud.EcsCallCounts.GetValueOrDefault("ListServices"));

        stats.Unreachable();
        await w.Policies.ReconcileAsync(web, default);
        Assert.Equal(listed + 1, w.Cloud.EcsCallCounts.GetValueOrDefault("ListServices"));
    }

    [Fact]
    public async Task An_alarm_event_after_the_snapshot_went_stale_scales_without_waiting_for_a_new_snapshot()
    {
        var (w, _) = await WorldAsync();
        using var __ = w;
        var key = await w.PutAsync(Policy("web"));
        await w.Policies.ReconcileAsync(key, default);
        var refreshes = w.Alarms.Refreshes;

        w.Time.Advance(w.Options.PolicyPassInterval * 2); // the alarm snapshot is stale
        w.Cloud.Control.SetAlarmState("web-high", "ALARM");
        Assert.True(w.Alarms.Observe("web-high", "ALARM", w.Now));
        await w.Policies.ReconcileAsync(key, default);

        Assert.Equal(2, await w.DesiredCountAsync("default", "web"));
        Assert.Equal(refreshes, w.Alarms.Refreshes);
    }

    [Fact]
    public async Task While_events_flow_a_service_created_after_the_snapshot_is_found_by_the_next_pass()
    {
        var (w, stats) = await WorldAsync();
        using var _ = w;
        var web = await w.PutAsync(Policy("web"));
        EventArrived(stats, w.Now);
        await w.Policies.ReconcileAsync(web, default);

        w.Time.Advance(w.Options.PolicyPassInterval * 2);
        EventArrived(stats, w.Now);
        w.Cloud.Control.SetAlarmState("late-high", "ALARM");
        await w.PutAsync(ScalingWorld.AppYaml("late", "default", 256, 512));
        await w.CreateServiceAsync("default", "late", 256, 512, desired: 1);
        var late = await w.PutAsync(Policy("late"));
        await w.Policies.ReconcileAsync(late, default);

        Assert.Equal(2, await w.DesiredCountAsync("default", "late"));
    }
}
