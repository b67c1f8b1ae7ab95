using Ecsctl.Cli;
using EcsOperator.Core.Store;

namespace Ecsctl;

/// <summary>Entry point: parses, dispatches, maps errors to exit codes (0 ok, 1 invalid input or failed, 2 usage).</summary>
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
        string? command = null;
        try
        {
            var line = CommandLine.Parse(args, CommandTable.Commands, CommandTable.Globals);
            command = line.Command?.Name;
            if (line.Command is null || line.Help)
            {
                HelpText.Write(stdout, line.Command);
                return line.Help ? Ok : Usage;
            }

            var ctx = new CommandContext(line, stdin, stdout, stderr, time);
            _ = ctx.Output; // an unknown -o is a usage error before anything runs
            return await line.Command.Run(line, ctx, ct);
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
