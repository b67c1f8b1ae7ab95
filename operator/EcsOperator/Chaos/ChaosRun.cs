using System.Globalization;
using System.Net.Sockets;
using EcsOperator.Core.State;
using EcsOperator.Simulator;

namespace EcsOperator.Chaos;

/// <summary>How long, with which seed and how many operator processes a chaos run goes.</summary>
/// <paramref name="Backend"/>: "local" (the local store and queue) or "moto" (DynamoDB and SQS on a moto_server the
/// run starts); ECS is the run's served simulator in both.
internal sealed record ChaosOptions(TimeSpan Duration, int Seed, int Operators, string? StateDirectory, string Backend = "local")
{
    /// <summary>After faults stop: one resync of the operators plus time to roll out and finish Jobs.</summary>
    public TimeSpan ConvergenceBudget { get; init; } = TimeSpan.FromSeconds(30 + 60);
}

/// <summary>
/// A chaos run: a persisted simulated cloud served over the ECS wire protocol, the local store and queue, and
/// <see cref="ChaosOptions.Operators"/> real operator processes sharing them. For the given time it writes, changes
/// and deletes documents, sends queue messages (duplicates, poison, oversized), injects ECS fault bursts, SIGKILLs
/// operators (the leader on purpose, too) and restarts them; then stops the faults and waits for convergence. The
/// invariants are checked every second and at the end; one line each is printed.
/// </summary>
internal sealed class ChaosRun(ChaosOptions options, TextWriter output)
{
    private readonly Random random = new(options.Seed);
    private readonly Random crashRandom = new(options.Seed + 2);
    private readonly Lock gate = new();
    private readonly Dictionary<OperatorProcess, DateTime> restartAt = [];
    private List<OperatorProcess> operators = [];
    private volatile bool chaosPhase;
    private int kills;
    private int leaderKills;
    private int midCallKills;
    private int driverWriteErrors;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var root = options.StateDirectory ?? Path.Combine(Path.GetTempPath(), "ecs-operator-chaos-" + options.Seed.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        var paths = new StatePaths(root);
        var logs = Path.Combine(root, "chaos-logs");
        Directory.CreateDirectory(logs);
        var time = TimeProvider.System;
        using var cloud = new SimulatedCloud(new SimulatorOptions { StateDirectory = paths.Simulator, RandomSeed = options.Seed }, time);
        cloud.Control.EnsureDefaultCluster(instanceCount: 6);
        var faults = new ChaosFaults(cloud.Control, new Random(options.Seed + 1));
        await using var endpoint = new EcsEndpoint(cloud, faults, CrashCaller);
        await endpoint.StartAsync(ct);
        using var tickStop = new CancellationTokenSource();
        var ticker = TickAsync(cloud, tickStop.Token);
        await using IChaosBackend backend = options.Backend == "moto"
            ? await MotoChaosBackend.StartAsync(time, ct)
            : new LocalChaosBackend(paths, time);
        var store = backend.Store;
        var workload = new ChaosWorkload(store, backend.Queue, random);
        var invariants = new ChaosInvariants(cloud.Control, store, backend, workload);
        operators = Enumerable.Range(1, options.Operators)
            .Select(i =>
            {
                var port = FreePort();
                return new OperatorProcess($"op-{i}", backend.OperatorArgs(endpoint.Url, port), port, logs);
            }).ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        try
        {
            // Documents land before, during and right after the operators start.
            await workload.SeedAsync(ct);
            foreach (var op in operators) op.Start();
            await output.WriteLineAsync($"chaos: seed {options.Seed}, {options.Duration.TotalSeconds:F0} s, {options.Operators} operators, ECS at {endpoint.Url}, {backend.Description}, state in {root}");
            chaosPhase = true;
            await ChaosPhaseAsync(workload, faults, invariants, http, ct);
            chaosPhase = false;

            faults.StopAll();
            lock (gate)
            {
                restartAt.Clear();
                foreach (var op in operators.Where(o => !o.Running)) op.Start();
            }
            var pending = await ConvergeAsync(invariants, operators, ct);
            invariants.CheckSafety(operators);
            await invariants.CheckEndAsync(pending, ct);
        }
        finally
        {
            chaosPhase = false;
            lock (gate)
            {
                foreach (var op in operators) op.Dispose();
            }
            await tickStop.CancelAsync();
            await ticker;
        }
        return await ReportAsync(workload, faults, invariants, root);
    }

    private async Task ChaosPhaseAsync(ChaosWorkload workload, ChaosFaults faults, ChaosInvariants invariants, HttpClient http, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        DateTime? burstEnds = null;
        var nextCheck = DateTime.UtcNow;
        while (DateTime.UtcNow - started < options.Duration)
        {
            ct.ThrowIfCancellationRequested();
            var roll = random.Next(100);
            if (roll < 62)
            {
                try
                {
                    await workload.StepAsync(ct);
                }
                catch (Exception e) when (e is IOException or Core.Store.ConcurrencyException or Core.Aws.AwsApiException or Amazon.Runtime.AmazonServiceException)
                {
                    // The record is updated only after a write succeeded; a write that failed is simply not made.
                    driverWriteErrors++;
                }
            }
            else if (roll < 68) Kill(operators[random.Next(operators.Count)]);
            else if (roll < 71 && await LeaderAsync(operators, http) is { } leader)
            {
                Kill(leader);
                leaderKills++;
            }
            else if (roll < 78 && burstEnds is null)
            {
                faults.StartBurst();
                burstEnds = DateTime.UtcNow.AddSeconds(2 + random.Next(5));
            }
            if (burstEnds is { } ends && DateTime.UtcNow > ends)
            {
                faults.StopAll();
                burstEnds = null;
            }
            lock (gate)
            {
                foreach (var (op, at) in restartAt.Where(r => DateTime.UtcNow >= r.Value).ToList())
                {
                    op.Start();
                    restartAt.Remove(op);
                }
            }
            if (DateTime.UtcNow >= nextCheck)
            {
                invariants.CheckSafety(operators);
                nextCheck = DateTime.UtcNow.AddSeconds(1);
            }
            await Task.Delay(150 + random.Next(500), ct);
        }
    }

    private void Kill(OperatorProcess op)
    {
        lock (gate)
        {
            if (!op.Running) return;
            op.Kill();
            kills++;
            restartAt[op] = DateTime.UtcNow.AddMilliseconds(300 + random.Next(2700));
        }
    }

    /// <summary>Now and then, every running operator is killed after a mutating call took effect and before its
    /// answer leaves (only the leader calls ECS, so the caller is among them).</summary>
    private bool CrashCaller(string action)
    {
        if (!chaosPhase || action is not (Core.Aws.EcsAction.RunTask or Core.Aws.EcsAction.RegisterTaskDefinition
            or Core.Aws.EcsAction.UpdateService or Core.Aws.EcsAction.CreateService or Core.Aws.EcsAction.StopTask)) return false;
        lock (gate)
        {
            if (crashRandom.NextDouble() >= 0.03) return false;
            foreach (var op in operators.Where(o => o.Running))
            {
                op.Kill();
                kills++;
                midCallKills++;
                restartAt[op] = DateTime.UtcNow.AddMilliseconds(300 + crashRandom.Next(2700));
            }
            return true;
        }
    }

    private static async Task<OperatorProcess?> LeaderAsync(List<OperatorProcess> operators, HttpClient http)
    {
        foreach (var op in operators.Where(o => o.Running))
        {
            try
            {
                var text = await http.GetStringAsync($"http://127.0.0.1:{op.Port}/readyz");
                if (text.StartsWith("ready: leader", StringComparison.Ordinal)) return op;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not up yet, or not ready (503 throws too): not the leader we can name.
            }
        }
        return null;
    }

    private async Task<List<string>> ConvergeAsync(ChaosInvariants invariants, List<OperatorProcess> operators, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + options.ConvergenceBudget;
        while (true)
        {
            invariants.CheckSafety(operators);
            var pending = await invariants.PendingAsync(ct);
            if (pending.Count == 0 || DateTime.UtcNow > deadline) return pending;
            await Task.Delay(1000, ct);
        }
    }

    private async Task<int> ReportAsync(ChaosWorkload workload, ChaosFaults faults, ChaosInvariants invariants, string root)
    {
        var seen = faults.Counts;
        var msgs = workload.Messages.Values.GroupBy(m => m.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var bursts = string.Join(", ", seen.Where(p => p.Key.StartsWith("burst:", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Value} {p.Key["burst:".Length..]}"));
        await output.WriteLineAsync($"faults: {seen.GetValueOrDefault("bursts")} bursts ({bursts}); operators met {seen.GetValueOrDefault("error")} 5xx/other errors, "
            + $"{seen.GetValueOrDefault("throttled")} throttles, {seen.GetValueOrDefault("lost-response")} lost responses (of {seen.GetValueOrDefault("mutating calls")} mutating calls)");
        await output.WriteLineAsync($"kills: {kills} SIGKILLs ({leaderKills} of the leader, {midCallKills} between a mutating ECS call and its answer), {operators.Sum(o => o.Starts)} operator starts");
        await output.WriteLineAsync($"documents: {workload.Writes} writes; {workload.SpecsPerFamily.Count} Apps ({workload.DeletedApps.Count} deleted), {workload.Jobs.Count} Jobs; {driverWriteErrors} writes the store refused");
        await output.WriteLineAsync($"messages: {workload.Messages.Count} sent ({string.Join(", ", msgs.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Value} {m.Key}"))})");
        var failed = false;
        foreach (var inv in invariants.All)
        {
            failed |= inv.Violations.Count > 0;
            await output.WriteLineAsync($"{(inv.Violations.Count == 0 ? "ok  " : "FAIL")} {inv.Name}: {inv.Checks} checks, {inv.Violations.Count} violations");
            foreach (var v in inv.Violations.Take(5)) await output.WriteLineAsync("       " + v);
        }
        if (!failed)
        {
            if (options.StateDirectory is null) TryDelete(root);
            await output.WriteLineAsync($"chaos: all invariants held (seed {options.Seed})");
            return 0;
        }
        var again = options.Backend == "local" ? "" : " --backend " + options.Backend;
        await output.WriteLineAsync($"chaos: FAILED with seed {options.Seed}; replay with 'ecs-operator chaos --seed {options.Seed} --duration {options.Duration.TotalSeconds:F0}{again}'; operator logs in {Path.Combine(root, "chaos-logs")}");
        return 1;
    }

    private static async Task TickAsync(SimulatedCloud cloud, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                cloud.Advance();
                await Task.Delay(250, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
