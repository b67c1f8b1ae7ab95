using EcsOperator.Chaos;
using EcsOperator.Cli;

namespace EcsOperator.Commands;

/// <summary><c>ecs-operator chaos</c>: runs real operator processes through faults, kills and races (<see cref="ChaosRun"/>).</summary>
internal static class ChaosCommand
{
    public const string Usage = """
        usage: ecs-operator chaos [--duration SECONDS] [--seed N] [--operators N] [--state-dir DIR] [--backend local|moto]
          --duration SECONDS      how long faults, kills and writes go on (default 60); then faults stop and the run
                                  waits up to one resync plus 60 s for everything to converge
          --seed N                the seed of every random choice (default: random, printed); a failure prints it
          --operators N           operator processes sharing the store, queue and simulated ECS (default 2)
          --state-dir DIR         keep the run's state and operator logs here (default: a temporary directory,
                                  removed when every invariant held)
          --backend B             local (default): the local store and queue, operators run 'ecs-operator local';
                                  moto: DynamoDB and SQS on a moto_server the run starts (on PATH), operators run
                                  'ecs-operator run --endpoint-url MOTO --ecs-endpoint ECS'. ECS is the served simulator
        """;

    public static async Task<int> RunAsync(CommandArgs a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var duration = a.Int("duration", out var e1) ?? 60;
        var seed = a.Int("seed", out var e2) ?? Random.Shared.Next(1, 1_000_000);
        var operators = a.Int("operators", out var e3) ?? 2;
        var backend = a.Get("backend") ?? "local";
        var error = e1 ?? e2 ?? e3 ?? (duration < 1 ? "--duration must be at least 1" : operators is < 1 or > 5 ? "--operators must be 1 to 5"
            : backend is not ("local" or "moto") ? $"--backend must be local or moto, not '{backend}'" : null);
        if (error is not null)
        {
            await stderr.WriteLineAsync($"ecs-operator chaos: {error}");
            return 2;
        }
        return await new ChaosRun(new ChaosOptions(TimeSpan.FromSeconds(duration), seed, operators, a.Get("state-dir"), backend), stdout).RunAsync(ct);
    }
}
