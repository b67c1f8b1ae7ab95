using System.CommandLine;
using EcsOperator.Chaos;
using EcsOperator.Cli;

namespace EcsOperator.Commands;

/// <summary><c>ecs-operator chaos</c>: runs real operator processes through faults, kills and races (<see cref="ChaosRun"/>).</summary>
internal sealed class ChaosCommand
{
    private readonly Option<int?> _duration = OptionKinds.Count("--duration", "SECONDS",
        "how long faults, kills and writes go on (default 60); then faults stop and the run waits up to one resync plus 60 s for everything to converge");

    private readonly Option<int?> _seed = OptionKinds.Count("--seed", "N", "the seed of every random choice (default: random, printed); a failure prints it");

    private readonly Option<int?> _operators = OptionKinds.Count("--operators", "N", "operator processes sharing the store, queue and simulated ECS (default 2)");

    private readonly Option<string> _stateDir = OptionKinds.Text("--state-dir", "DIR",
        "keep the run's state and operator logs here (default: a temporary directory, removed when every invariant held)");

    private readonly Option<string> _backend = OptionKinds.Text("--backend", "B",
        "local (default): the local store and queue, operators run 'ecs-operator local'; moto: DynamoDB and SQS on a " +
        "moto_server the run starts (on PATH), operators run 'ecs-operator run --endpoint-url MOTO --ecs-endpoint ECS'. ECS is the served simulator");

    public Command Build()
    {
        var command = new Command("chaos", "run operator processes through ECS faults, SIGKILLs, leader changes and hostile input; check invariants")
        {
            _duration, _seed, _operators, _stateDir, _backend,
        };
        command.SetAction((a, ct) => RunAsync(a, a.InvocationConfiguration.Output, a.InvocationConfiguration.Error, ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var duration = a.GetValue(_duration) ?? 60;
        var seed = a.GetValue(_seed) ?? Random.Shared.Next(1, 1_000_000);
        var operators = a.GetValue(_operators) ?? 2;
        var backend = a.GetValue(_backend) ?? "local";
        var error = duration < 1 ? "--duration must be at least 1" : operators is < 1 or > 5 ? "--operators must be 1 to 5"
            : backend is not ("local" or "moto") ? $"--backend must be local or moto, not '{backend}'" : null;
        if (error is not null)
        {
            await stderr.WriteLineAsync($"ecs-operator chaos: {error}");
            return 2;
        }
        return await new ChaosRun(new ChaosOptions(TimeSpan.FromSeconds(duration), seed, operators, a.GetValue(_stateDir), backend), stdout).RunAsync(ct);
    }
}
