using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Ecsctl.Cli;

/// <summary>
/// System.CommandLine's help, with one change: a command list (<c>ecsctl --help</c>) shows each verb's summary, the
/// first line of its description, rather than the whole description with its examples. The library keeps its help
/// layout internal, so the verbs' descriptions are shortened while the list is written (the command tree is built
/// for one invocation) and restored after.
/// </summary>
internal sealed class EcsctlHelp : SynchronousCommandLineAction
{
    private readonly HelpAction _help = new();

    /// <summary>Help is shown even when the rest of the command line is incomplete (<c>ecsctl set --help</c>).</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var subcommands = parseResult.CommandResult.Command.Subcommands;
        var full = subcommands.Select(c => c.Description).ToList();
        try
        {
            foreach (var c in subcommands) c.Description = Summary(c);
            return _help.Invoke(parseResult);
        }
        finally
        {
            for (var i = 0; i < subcommands.Count; i++) subcommands[i].Description = full[i];
        }
    }

    /// <summary>The first line of a command's description.</summary>
    public static string Summary(Command command) => (command.Description ?? "").Split('\n')[0];
}
