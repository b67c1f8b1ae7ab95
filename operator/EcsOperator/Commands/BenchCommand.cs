using EcsOperator.Cli;
using EcsOperator.Scaling;
using EcsOperator.Simulator;

namespace EcsOperator.Commands;

/// <summary><c>ecs-operator bench</c>: the operator's numbers (<see cref="Bench.Benchmark"/>), the simulator's own read
/// throughput (<see cref="SimulatorBenchmark"/>) and ScalePolicy passes (<see cref="ScalingBenchmark"/>).</summary>
internal static class BenchCommand
{
    public const string Usage = """
        usage: ecs-operator bench [--suite operator|simulator|scaling|events|all] [--apps N] [--rate-factor F] [--memory-apps N] [--changes N] [--policies N]
          --suite S          operator (default): AWS calls per resync, cold start, change latency, memory;
                             simulator: DescribeServices/DescribeTasks throughput on 5,000 services / 20,000 tasks,
                             and RunTask throughput persisted, debounced vs write-through;
                             scaling: AWS calls per ScalePolicy pass and alarm-to-UpdateService latency;
                             events: the same world with AWS events on and off (alarm, Job and Spot latencies, steady
                             ECS reads per hour; not part of all); all: the first three
          --apps N           Apps for the steady-state and cold-start runs (default 1000)
          --rate-factor F    multiplies every ECS throttle rate in the simulator, to keep the run short (default 20)
          --memory-apps N    Apps for the memory measurement (default 10000)
          --changes N        store writes timed for change latency (default 100)
          --policies N       ScalePolicies for the scaling suite (default 500)
        """;

    public static async Task<int> RunAsync(CommandArgs a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var suite = a.Get("suite") ?? "operator";
        if (suite is not ("operator" or "simulator" or "scaling" or "events" or "all"))
        {
            await stderr.WriteLineAsync($"ecs-operator bench: --suite must be operator, simulator, scaling, events or all, not '{suite}'");
            return 2;
        }
        var policies = a.Int("policies", out var error) ?? 500;
        if (error is not null)
        {
            await stderr.WriteLineAsync($"ecs-operator bench: {error}");
            return 2;
        }
        if (suite is "operator" or "all")
        {
            var exit = await Bench.Benchmark.RunAsync(a, stdout, stderr, ct);
            if (exit != 0) return exit;
        }
        if (suite is "simulator" or "all")
        {
            SimulatorBenchmark.Run(stdout);
            PersistenceBenchmark.Run(stdout);
        }
        if (suite is "scaling" or "all") await ScalingBenchmark.RunAsync(stdout, policies, ct);
        if (suite is "events") await Bench.EventsBenchmark.RunAsync(stdout, TimeSpan.FromSeconds(240), ct);
        return 0;
    }
}
