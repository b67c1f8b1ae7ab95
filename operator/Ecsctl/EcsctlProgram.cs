using System.CommandLine;
using Ecsctl.Cli;
using EcsOperator.Core.Store;

namespace Ecsctl;

/// <summary>Entry point: parses (System.CommandLine, <see cref="EcsctlCli"/>), runs the verb, maps errors to exit
/// codes (0 ok, 1 invalid input or failed, 2 usage).</summary>
public static class EcsctlProgram
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static Task<int> MainAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        MainAsync(args, stdin, stdout, stderr, TimeProvider.System, CancellationToken.None);

    public static async Task<int> MainAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        // No response files: an argument starting with @ is an argument.
        var parse = EcsctlCli.Build().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var command = parse.CommandResult.Command is RootCommand ? null : parse.CommandResult.Command.Name;
        try
        {
            if (UsageErrors.Find(parse, args) is { } usage) throw usage;
            // Ctrl-C is the caller's: Program.cs cancels ct, and `ecsctl run` stops its Job on it.
            var invocation = new EcsctlInvocation(stdin, time)
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(invocation, ct);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            var which = e.Command ?? command;
            stderr.WriteLine(which is null ? "See 'ecsctl --help'." : $"See 'ecsctl {which} --help'.");
            return Usage;
        }
        catch (Exception e) when (e is CommandFailedException or ConcurrencyException or TimeoutException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Failed;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled");
            return Failed;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message}");
            return Failed;
        }
    }
}
