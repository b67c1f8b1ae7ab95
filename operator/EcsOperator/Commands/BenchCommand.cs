using EcsOperator.Cli;

namespace EcsOperator.Commands;

/// <summary><c>ecs-operator bench</c>: see <see cref="Bench.Benchmark"/>.</summary>
internal static class BenchCommand
{
    public const string Usage = """
        usage: ecs-operator bench [--apps N] [--rate-factor F] [--memory-apps N] [--changes N]
          --apps N           Apps for the steady-state and cold-start runs (default 1000)
          --rate-factor F    multiplies every ECS throttle rate in the simulator, to keep the run short (default 20)
          --memory-apps N    Apps for the memory measurement (default 10000)
          --changes N        store writes timed for change latency (default 100)
        """;

    public static Task<int> RunAsync(CommandArgs a, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        Bench.Benchmark.RunAsync(a, stdout, stderr, ct);
}
