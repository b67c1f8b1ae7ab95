using EcsOperator.Cli;
using EcsOperator.Commands;

namespace EcsOperator;

/// <summary>Entry point: parses, dispatches, maps errors to exit codes (0 ok, 1 failed, 2 usage).</summary>
internal static partial class OperatorProgram
{
    private static readonly HashSet<string> Flags = ["help", "delete-orphans", "verbose"];

    public const string Usage = """
        usage: ecs-operator <command> [options]
          local     run on the embedded simulated cluster with the local store (the quick start)
          run       run against DynamoDB, SQS and ECS (or a simulated ECS)
          init      create the DynamoDB table and SQS queues the operator uses
          bench     measure AWS calls, cold start, change latency and memory against the simulator
          chaos     run operator processes through ECS faults, SIGKILLs, leader changes and hostile input; check invariants
        'ecs-operator <command> --help' shows the command's options.
        """;

    public static async Task<int> MainAsync(string[] args) =>
        await MainAsync(args, Console.Out, Console.Error, CancellationToken.None);

    public static async Task<int> MainAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            await (args.Length == 0 ? stderr : stdout).WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        // -v is the one short option (local's --verbose).
        var parsed = CommandArgs.Parse([.. args.Select((a, i) => i > 0 && a == "-v" ? "--verbose" : a)], Flags, out var error);
        if (parsed is null)
        {
            await stderr.WriteLineAsync($"ecs-operator: {error}");
            return 2;
        }
        var (usage, run) = parsed.Command switch
        {
            "local" => (LocalCommand.Usage, (Func<CommandArgs, TextWriter, TextWriter, CancellationToken, Task<int>>)LocalCommand.RunAsync),
            "run" => (RunCommand.Usage, RunCommand.RunAsync),
            "init" => (InitCommand.Usage, InitCommand.RunAsync),
            "bench" => (BenchCommand.Usage, BenchCommand.RunAsync),
            "chaos" => (ChaosCommand.Usage, ChaosCommand.RunAsync),
            _ => (null, null),
        };
        if (run is null)
        {
            await stderr.WriteLineAsync($"ecs-operator: unknown command '{parsed.Command}'");
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        var help = usage + (parsed.Command is "local" or "run" ? Environment.NewLine + CommonOptions.Help : "");
        if (parsed.Flag("help"))
        {
            await stdout.WriteLineAsync(help);
            return 0;
        }
        // The options a command takes are exactly those its help text names, so a typo is an error, never ignored.
        var known = OptionName().Matches(help).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        if (parsed.Names.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
        {
            await stderr.WriteLineAsync($"ecs-operator {parsed.Command}: unknown option --{unknown} (see 'ecs-operator {parsed.Command} --help')");
            return 2;
        }
        try
        {
            return await run(parsed, stdout, stderr, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync($"ecs-operator {parsed.Command}: {e.Message}");
            return 1;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("--([a-z][a-z0-9-]*)")]
    private static partial System.Text.RegularExpressions.Regex OptionName();
}
