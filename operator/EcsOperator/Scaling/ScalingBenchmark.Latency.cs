using System.Diagnostics;
using System.Globalization;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;
using EcsOperator.Simulator;

namespace EcsOperator.Scaling;

public static partial class ScalingBenchmark
{
    /// <summary>
    /// Runs the policies as the work queue would: each key again after its RequeueAfter, spread over the pass. Alarms
    /// flip to ALARM at odd instants; the latency is the simulated time until that policy's UpdateService, and the wall
    /// time of the reconcile that issued it.
    /// </summary>
    private static async Task LatencyAsync(TextWriter output, ScalingComponents scaling, List<ResourceKey> keys, SimulatedCloud cloud,
        ManualClock clock, ScalingOptions options, CancellationToken ct)
    {
        var step = TimeSpan.FromMilliseconds(250);
        var due = new Dictionary<ResourceKey, DateTimeOffset>();
        for (var i = 0; i < keys.Count; i++)
            due[keys[i]] = clock.GetUtcNow() + options.PolicyPassInterval * i / keys.Count;
        var changes = new Queue<(DateTimeOffset At, int Index)>();
        var start = clock.GetUtcNow() + TimeSpan.FromSeconds(20);
        for (var j = 0; j < 20; j++) changes.Enqueue((start + TimeSpan.FromMilliseconds(3_700 * j), (j * 97 + 13) % keys.Count));
        var pending = new Dictionary<int, DateTimeOffset>();
        var simLatencies = new List<double>();
        var wallLatencies = new List<double>();
        var end = start + TimeSpan.FromSeconds(3.7 * 20) + options.PolicyPassInterval * 3;
        var ecsBefore = cloud.EcsCallCounts.Values.Sum();
        var reconciles = 0;
        while (clock.GetUtcNow() < end && (changes.Count > 0 || pending.Count > 0))
        {
            clock.Advance(step);
            var now = clock.GetUtcNow();
            while (changes.TryPeek(out var c) && c.At <= now)
            {
                changes.Dequeue();
                cloud.Control.SetAlarmState(Name(c.Index) + "-high", "ALARM");
                pending[c.Index] = now;
            }
            foreach (var key in due.Where(d => d.Value <= now).Select(d => d.Key).ToList())
            {
                var index = keys.IndexOf(key);
                var before = cloud.EcsCallCounts.GetValueOrDefault("UpdateService");
                var watch = Stopwatch.StartNew();
                var result = await scaling.Policies.ReconcileAsync(key, ct);
                var wall = watch.Elapsed.TotalMilliseconds;
                reconciles++;
                due[key] = now + (result.RequeueAfter ?? options.PolicyPassInterval);
                if (pending.TryGetValue(index, out var changedAt) && cloud.EcsCallCounts.GetValueOrDefault("UpdateService") > before)
                {
                    simLatencies.Add((now - changedAt).TotalSeconds);
                    wallLatencies.Add(wall);
                    pending.Remove(index);
                    cloud.Control.SetAlarmState(Name(index) + "-high", "OK");
                }
            }
        }
        var calls = cloud.EcsCallCounts.Values.Sum() - ecsBefore;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"alarm change -> UpdateService ({simLatencies.Count} changes, pass {options.PolicyPassInterval.TotalSeconds:0} s): " +
            $"simulated p50 {Pct(simLatencies, 50):0.0} s, max {simLatencies.DefaultIfEmpty().Max():0.0} s " +
            $"(bound: alarm snapshot age + requeue = 2 x pass); reconcile that issued it: p50 {Pct(wallLatencies, 50):0.00} ms, max {wallLatencies.DefaultIfEmpty().Max():0.00} ms wall; " +
            $"{reconciles} reconciles, {calls} ECS calls, missed {pending.Count + changes.Count}"));
    }

    internal static double Pct(IReadOnlyList<double> values, int percentile)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
