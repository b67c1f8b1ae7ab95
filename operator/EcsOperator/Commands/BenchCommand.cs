using System.CommandLine;
using System.Globalization;
using EcsOperator.Bench;
using EcsOperator.Cli;
using EcsOperator.Scaling;
using EcsOperator.Simulator;

namespace EcsOperator.Commands;

/// <summary><c>ecs-operator bench</c>: the operator's numbers (<see cref="Bench.Benchmark"/>), the simulator's own read
/// throughput (<see cref="SimulatorBenchmark"/>) and ScalePolicy passes (<see cref="ScalingBenchmark"/>).</summary>
internal sealed class BenchCommand
{
    private readonly Option<string> _suite = OptionKinds.Text("--suite", "S",
        "operator (default): AWS calls per resync, cold start, change latency, memory; "
        + "simulator: DescribeServices/DescribeTasks throughput on 5,000 services / 20,000 tasks, and RunTask throughput persisted, debounced vs write-through; "
        + "scaling: AWS calls per ScalePolicy pass and alarm-to-UpdateService latency; "
        + "events: the same world with AWS events on and off (alarm, Job and Spot latencies, steady ECS reads per hour; not part of all); all: the first three");

    private readonly Option<int?> _apps = OptionKinds.Count("--apps", "N", "Apps for the steady-state and cold-start runs (default 1000)");

    private readonly Option<string> _rateFactor = OptionKinds.Text("--rate-factor", "F",
        "multiplies every ECS throttle rate in the simulator, to keep the run short (default 20)");

    private readonly Option<int?> _memoryApps = OptionKinds.Count("--memory-apps", "N", "Apps for the memory measurement (default 10000)");

    private readonly Option<int?> _changes = OptionKinds.Count("--changes", "N", "store writes timed for change latency (default 100)");

    private readonly Option<int?> _policies = OptionKinds.Count("--policies", "N", "ScalePolicies for the scaling suite (default 500)");

    public Command Build()
    {
        var command = new Command("bench", "measure AWS calls, cold start, change latency and memory against the simulator")
        {
            _suite, _apps, _rateFactor, _memoryApps, _changes, _policies,
        };
        command.SetAction((a, ct) => RunAsync(a, a.InvocationConfiguration.Output, a.InvocationConfiguration.Error, ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var suite = a.GetValue(_suite) ?? "operator";
        if (suite is not ("operator" or "simulator" or "scaling" or "events" or "all"))
        {
            await stderr.WriteLineAsync($"ecs-operator bench: --suite must be operator, simulator, scaling, events or all, not '{suite}'");
            return 2;
        }
        var factor = double.TryParse(a.GetValue(_rateFactor) ?? "20", NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : -1;
        if (factor < 0)
        {
            await stderr.WriteLineAsync("ecs-operator bench: --rate-factor must be a positive number");
            return 2;
        }
        if (suite is "operator" or "all")
        {
            var options = new BenchmarkOptions(a.GetValue(_apps) ?? 1000, a.GetValue(_memoryApps) ?? 10_000, a.GetValue(_changes) ?? 100, factor);
            var exit = await Benchmark.RunAsync(options, stdout, ct);
            if (exit != 0) return exit;
        }
        if (suite is "simulator" or "all")
        {
            SimulatorBenchmark.Run(stdout);
            PersistenceBenchmark.Run(stdout);
        }
        if (suite is "scaling" or "all") await ScalingBenchmark.RunAsync(stdout, a.GetValue(_policies) ?? 500, ct);
        if (suite is "events") await EventsBenchmark.RunAsync(stdout, TimeSpan.FromSeconds(240), ct);
        return 0;
    }
}
