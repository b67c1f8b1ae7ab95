using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Simulator;

namespace EcsOperator.Bench;

/// <summary>What <c>ecs-operator bench --suite operator</c> measures: <paramref name="Apps"/> Apps for the cold start and
/// steady state, <paramref name="MemoryApps"/> for memory (0: skipped), <paramref name="Changes"/> timed store writes, and
/// the factor every ECS throttle rate is multiplied by.</summary>
internal sealed record BenchmarkOptions(int Apps, int MemoryApps, int Changes, double RateFactor);

/// <summary>
/// <c>ecs-operator bench</c>: the operator against the simulator with ECS's throttles (every rate multiplied by one
/// factor to keep the run short; ratios are what count). Prints a table of: AWS calls per steady-state resync against
/// the ceil(N/10) DescribeServices + list pages minimum; cold start of N Apps against the throttle bound; change latency
/// from a store write to the first ECS call for that App; memory with many Apps.
/// </summary>
internal static class Benchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options, TextWriter stdout, CancellationToken ct)
    {
        var (apps, memoryApps, changes, factor) = options;
        var rows = new List<(string Metric, string Value, string Target)>();
        await using (var world = new BenchWorld(factor, throttling: true, instances: Math.Max(4, apps / 50)))
        {
            await ColdStartAsync(world, apps, factor, rows, stdout, ct);
            await SteadyStateAsync(world, apps, rows, stdout, ct);
            await ChangeLatencyAsync(world, apps, changes, rows, stdout, ct);
        }
        if (memoryApps > 0) await MemoryAsync(memoryApps, rows, stdout, ct);
        await stdout.WriteLineAsync();
        await stdout.WriteLineAsync($"ecs-operator bench: {apps} Apps, ECS throttles x{factor.ToString(CultureInfo.InvariantCulture)}, {Environment.ProcessorCount} CPUs");
        var w1 = rows.Max(r => r.Metric.Length);
        var w2 = rows.Max(r => r.Value.Length);
        foreach (var (m, v, t) in rows) await stdout.WriteLineAsync($"  {m.PadRight(w1)}  {v.PadRight(w2)}  {t}");
        return 0;
    }

    private static async Task ColdStartAsync(BenchWorld world, int apps, double factor, List<(string, string, string)> rows, TextWriter stdout, CancellationToken ct)
    {
        await stdout.WriteLineAsync($"cold start: writing {apps} Apps ...");
        await world.WriteAppsAsync(apps);
        var sw = Stopwatch.StartNew();
        var startedAt = TimeProvider.System.GetUtcNow();
        world.Timeline.Reset();
        await world.StartAsync(workers: 32);
        // polled once a second (listing every status costs CPU the operator would otherwise use), five times a second
        // for the last few percent, so the moment the last App is seen Available is not rounded up by a whole second
        int available;
        while ((available = await world.CountAvailableAsync()) < apps)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Delay(available >= apps * 0.97 ? 200 : 1000, ct);
        }
        var took = sw.Elapsed.TotalSeconds;
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"cold start: all Available seen at {took:F2} s"));
        await ColdStartBreakdown.WriteAsync(world, factor, startedAt, stdout);
        // ECS's bound: one RegisterTaskDefinition and one CreateService per App, each past its bucket's burst at its refill rate.
        var bound = new[] { EcsAction.RegisterTaskDefinition, EcsAction.CreateService }
            .Select(action => EcsThrottleTable.LimitOf(action).Scaled(factor))
            .Max(l => Math.Max(0, apps - l.Burst) / l.PerSecond);
        rows.Add(("cold start: time to all Available", $"{took:F1} s", $"throttle bound {bound:F1} s"));
        rows.Add(("cold start: ratio to the bound", bound > 0 ? $"{took / bound:F2}" : "n/a", "target <= 1.2"));
    }

    private static async Task SteadyStateAsync(BenchWorld world, int apps, List<(string, string, string)> rows, TextWriter stdout, CancellationToken ct)
    {
        await stdout.WriteLineAsync("steady state: one full resync ...");
        await Task.Delay(TimeSpan.FromSeconds(6), ct); // let the cold start's snapshots expire
        var before = world.Metrics.AwsCalls;
        var reconcilesBefore = world.Metrics.ReconcileCount("App", "success");
        await world.Informer.ResyncAsync(ct);
        while (world.Metrics.ReconcileCount("App", "success") - reconcilesBefore < apps || world.Runtime.QueueDepth > 0)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Delay(50, ct);
        }
        await Task.Delay(500, ct);
        var delta = world.Metrics.AwsCalls.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key));
        long Calls(string action) => delta.Where(p => p.Key.Action == action).Sum(p => p.Value);
        var mutating = delta.Where(p => EcsAction.IsMutating(p.Key.Action)).Sum(p => p.Value);
        var minimumDescribe = (apps + 9) / 10;
        var pages = (apps + 99) / 100;
        rows.Add(("steady state: DescribeServices per resync", Calls(EcsAction.DescribeServices).ToString(CultureInfo.InvariantCulture), $"minimum ceil(N/10) = {minimumDescribe}"));
        rows.Add(("steady state: ListServices pages per resync", Calls(EcsAction.ListServices).ToString(CultureInfo.InvariantCulture), $"minimum {pages}"));
        foreach (var (action, n) in delta.GroupBy(p => p.Key.Action).Select(g => (g.Key, g.Sum(p => p.Value)))
                     .Where(x => x.Key is not (EcsAction.DescribeServices or EcsAction.ListServices) && x.Item2 > 0))
            rows.Add(($"steady state: {action} per resync", n.ToString(CultureInfo.InvariantCulture), "expected 0"));
        rows.Add(("steady state: mutating calls per resync", mutating.ToString(CultureInfo.InvariantCulture), "must be 0"));
    }

    private static async Task ChangeLatencyAsync(BenchWorld world, int apps, int changes, List<(string, string, string)> rows, TextWriter stdout, CancellationToken ct)
    {
        await stdout.WriteLineAsync($"change latency: {changes} changes ...");
        var samples = new List<double>(changes);
        for (var c = 0; c < changes; c++)
        {
            var i = (c * 7919) % apps;
            var name = BenchWorld.Key(i).Name;
            var first = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            world.Ecs.OnCall = (action, request) =>
            {
                if (Mentions(request, name)) first.TrySetResult(Stopwatch.GetTimestamp());
            };
            var start = Stopwatch.GetTimestamp();
            await world.Store.PutAsync(BenchWorld.Key(i), BenchWorld.Manifest(i, image: $"registry/app:{c + 2}"), null, ct);
            var done = await Task.WhenAny(first.Task, Task.Delay(TimeSpan.FromSeconds(30), ct));
            if (done == first.Task) samples.Add(Stopwatch.GetElapsedTime(start, first.Task.Result).TotalMilliseconds);
            world.Ecs.OnCall = null;
            await Task.Delay(20, ct);
        }
        samples.Sort();
        double P(double q) => samples.Count == 0 ? double.NaN : samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        rows.Add(("change latency p50 (store write -> first ECS call)", $"{P(0.50):F0} ms", "target < 1 s"));
        rows.Add(("change latency p99", $"{P(0.99):F0} ms", $"{samples.Count}/{changes} changes seen"));
    }

    private static bool Mentions(JsonObject request, string name) =>
        request.Str("familyPrefix") == name || request.Str("family") == name || request.Str("service") == name
        || request.Str("serviceName") == name || request.Arr("services").Strings().Any(s => s == name || s.EndsWith("/" + name, StringComparison.Ordinal));

    /// <summary>
    /// Heap with the operator, the store and the simulator holding N converged Apps, minus the simulator's own share,
    /// measured by loading a twin of the simulator from its saved state: operator ≈ heap − twin − baseline.
    /// </summary>
    private static async Task MemoryAsync(int apps, List<(string, string, string)> rows, TextWriter stdout, CancellationToken ct)
    {
        await stdout.WriteLineAsync($"memory: {apps} Apps ...");
        await using var world = new BenchWorld(1000, throttling: false, instances: Math.Max(4, apps / 50), persistSimulator: true);
        await world.WriteAppsAsync(apps);
        var baseline = Heap();
        await world.StartAsync(workers: 32);
        var sw = Stopwatch.StartNew();
        while (await world.CountAvailableAsync() < apps && sw.Elapsed < TimeSpan.FromMinutes(10))
        {
            ct.ThrowIfCancellationRequested();
            await Task.Delay(1000, ct);
        }
        var available = await world.CountAvailableAsync();
        await world.Informer.ResyncAsync(ct); // a steady-state pass: caches as full as they get
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        world.Cloud.Flush();
        var withOperator = Heap();
        var workingSet = Process.GetCurrentProcess().WorkingSet64;
        long simulator;
        using (var twin = new SimulatedCloud(new SimulatorOptions { StateDirectory = world.SimulatorDirectory, ThrottlingEnabled = false }, TimeProvider.System))
        {
            simulator = Heap() - withOperator;
            GC.KeepAlive(twin);
        }
        var operatorHeap = Math.Max(0, withOperator - simulator - baseline);
        rows.Add(($"memory: operator heap, {available} Apps Available", $"{operatorHeap / 1048576.0:F0} MB", "target < 150 MB"));
        rows.Add(("memory: whole process heap (operator + store + simulator)", $"{withOperator / 1048576.0:F0} MB",
            $"simulator {simulator / 1048576.0:F0} MB, before start {baseline / 1048576.0:F0} MB, working set {workingSet / 1048576.0:F0} MB"));
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
