using System.Globalization;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Bench;

/// <summary>
/// Where a cold start's time goes: when the throttled calls reached ECS against when the buckets would first have
/// allowed them, and when the last App turned Available.
/// </summary>
internal static class ColdStartBreakdown
{
    /// <param name="startedAt">Wall-clock time the operator was started (timeline second 0).</param>
    public static async Task WriteAsync(BenchWorld world, double factor, DateTimeOffset startedAt, TextWriter stdout)
    {
        foreach (var action in new[] { EcsAction.RegisterTaskDefinition, EcsAction.CreateService })
        {
            var limit = EcsThrottleTable.LimitOf(action).Scaled(factor);
            var times = world.Timeline.Accepted(action);
            if (times.Count == 0) continue;
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {action}: {times.Count} accepted, {world.Timeline.Throttled(action)} throttled by ECS, first {times[0]:F2} s, last {times[^1]:F2} s"));
            // the i-th call (0-based) cannot reach ECS before the bucket holds a token for it
            double b = limit.Burst;
            var r = limit.PerSecond;
            var marks = new[] { 0.25, 0.5, 0.75, 1.0 }.Select(q => Math.Max(0, (int)Math.Ceiling(q * times.Count) - 1)).Distinct();
            var lags = marks.Select(i => string.Create(CultureInfo.InvariantCulture,
                $"#{i + 1} +{times[i] - Math.Max(0, (i + 1 - b) / r):F2} s"));
            await stdout.WriteLineAsync($"    behind the bucket: {string.Join(", ", lags)}");
        }
        var last = 0.0;
        var created = world.Timeline.AcceptedByName(EcsAction.CreateService);
        var tails = new List<double>();
        foreach (var r in await world.Store.ListAsync(ResourceKind.App, null, default))
        {
            if (Rfc3339.Parse(StatusConditions.Get(r.Status, ConditionTypes.Available).Str("lastTransitionTime")) is not { } at) continue;
            var available = (at - startedAt).TotalSeconds;
            last = Math.Max(last, available);
            if (created.TryGetValue(r.Key.Name, out var c)) tails.Add(available - c);
        }
        tails.Sort();
        string Q(double q) => tails.Count == 0 ? "n/a" : tails[Math.Min(tails.Count - 1, (int)Math.Ceiling(q * tails.Count) - 1)].ToString("F2", CultureInfo.InvariantCulture);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  last App turned Available (its reconcile began) at {last:F2} s"));
        await stdout.WriteLineAsync($"    CreateService -> Available: p50 {Q(0.5)} s, p90 {Q(0.9)} s, p99 {Q(0.99)} s, max {Q(1)} s");
        foreach (var (action, ok, throttled) in world.Timeline.Counts())
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    {action,-26} {ok,6} ok {throttled,5} throttled"));
    }
}
