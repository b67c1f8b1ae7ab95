using EcsOperator.Cli;
using EcsOperator.Commands;

namespace EcsOperator;

/// <summary>Entry point: parses, dispatches, maps errors to exit codes (0 ok, 1 failed, 2 usage).</summary>
internal static class OperatorProgram
{
    private static readonly HashSet<string> Flags = ["help"];

    public const string Usage = """
        usage: ecs-operator <command> [options]
          local     run on the embedded simulated cluster with the local store (the quick start)
          run       run against DynamoDB, SQS and ECS (or a simulated ECS)
          init      create the DynamoDB table and SQS queues the operator uses
          bench     measure AWS calls, cold start, change latency and memory against the simulator
        'ecs-operator <command> --help' shows the command's options.
        """;

    public static async Task<int> MainAsync(string[] args) =>
        await MainAsync(args, Console.Out, Console.Error, CancellationToken.None);

    public static async Task<int> MainAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            await (args.Length == 0 ? stderr : stdout).WriteAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var parsed = CommandArgs.Parse(args, Flags, out var error);
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
            _ => (null, null),
        };
        if (run is null)
        {
            await stderr.WriteLineAsync($"ecs-operator: unknown command '{parsed.Command}'");
            await stderr.WriteAsync(Usage);
            return 2;
        }
        if (parsed.Flag("help"))
        {
            await stdout.WriteAsync(usage + (parsed.Command is "local" or "run" ? CommonOptions.Help : ""));
            return 0;
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
}
