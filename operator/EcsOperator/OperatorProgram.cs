using System.CommandLine;
using EcsOperator.Cli;
using EcsOperator.Commands;

namespace EcsOperator;

/// <summary>Entry point: parses (System.CommandLine), runs the command, maps errors to exit codes (0 ok, 1 failed,
/// 2 usage). Each command's options are defined at the top of its file under <c>Commands/</c>; those <c>local</c> and
/// <c>run</c> share in <see cref="CommonOptions"/>.</summary>
internal static class OperatorProgram
{
    public static async Task<int> MainAsync(string[] args) =>
        await MainAsync(args, Console.Out, Console.Error, CancellationToken.None);

    /// <summary>The command tree: every command and its options.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("ecs-operator: a Kubernetes-style reconciling operator for AWS ECS.\n'ecs-operator <command> --help' shows the command's options.")
        {
            HelpName = "ecs-operator",
        };
        // -h and --help only: the library's extra spellings (-?, /h, /?) could be a path after --state-dir.
        root.Options.Remove(root.Options.OfType<System.CommandLine.Help.HelpOption>().Single());
        root.Options.Add(new System.CommandLine.Help.HelpOption("--help", "-h"));
        foreach (var command in new[] { new LocalCommand().Build(), new RunCommand().Build(), new InitCommand().Build(), new BenchCommand().Build(), new ChaosCommand().Build() })
            root.Subcommands.Add(command);
        return root;
    }

    public static async Task<int> MainAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var root = Build();
        // No response files: an argument starting with @ is a value.
        var config = new ParserConfiguration { ResponseFileTokenReplacer = null };
        // Ctrl-C and SIGTERM belong to the host (graceful shutdown), not to the parser.
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        if (args.Length == 0)
        {
            await root.Parse(["--help"], config).InvokeAsync(new InvocationConfiguration { Output = stderr, ProcessTerminationTimeout = null }, ct);
            return 2;
        }
        var parse = root.Parse(args is ["help"] ? ["--help"] : args, config);
        var command = parse.CommandResult.Command is RootCommand ? null : parse.CommandResult.Command.Name;
        if (parse.Action is not { ClearsParseErrors: true } && UsageError(parse, command) is { } error)
        {
            await stderr.WriteLineAsync(error);
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(invocation, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync($"ecs-operator {command}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The first problem of the command line, as one message naming the command and where its help is; null when none.</summary>
    private static string? UsageError(ParseResult parse, string? command)
    {
        var who = command is null ? "ecs-operator" : $"ecs-operator {command}";
        var seeHelp = $"see '{who} --help'";
        if (parse.UnmatchedTokens.FirstOrDefault() is { } token)
        {
            if (token.StartsWith('-')) return $"{who}: unknown option {token} ({seeHelp})";
            if (command is not null) return $"{who}: unexpected argument '{token}' ({seeHelp})";
            var names = parse.RootCommandResult.Command.Subcommands.Select(c => c.Name);
            return $"{who}: unknown command '{token}'; commands: {string.Join(", ", names)} ({seeHelp})";
        }
        if (command is null) return $"{who}: name a command ({seeHelp})";
        if (parse.Errors.FirstOrDefault() is not { } error) return null;
        var message = error.SymbolResult is System.CommandLine.Parsing.OptionResult { Tokens.Count: 0 } o
            ? $"option {o.IdentifierToken?.Value ?? o.Option.Name} needs a value"
            : error.Message;
        return $"{who}: {message} ({seeHelp})";
    }
}
