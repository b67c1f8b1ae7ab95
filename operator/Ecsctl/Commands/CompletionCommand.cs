using System.CommandLine;
using System.CommandLine.Completions;
using System.Text;
using Ecsctl.Cli;

namespace Ecsctl.Commands;

/// <summary>
/// <c>ecsctl completion bash|zsh</c>: a completion script generated from the System.CommandLine tree, so every verb
/// and flag completes: verbs, their flags and the global ones, the words of a verb's first argument (rollout and set
/// sub-commands, resource kinds), and file names after <c>-f</c> and <c>--state-dir</c>. zsh loads the same function
/// through bashcompinit. The script is static: a Tab press runs no process (System.CommandLine's own completion goes
/// through the dotnet-suggest tool, which starts ecsctl on every Tab; the <c>[suggest]</c> directive stays available to it).
/// </summary>
internal sealed class CompletionCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var shell = Word("shell", "bash|zsh", "bash", "zsh");
        var command = Define("completion", "Print a shell completion script",
            "Completes verbs, flags, rollout and set sub-commands, resource kinds, and files after -f.",
            "ecsctl completion bash > ~/.local/share/bash-completion/completions/ecsctl\nsource <(ecsctl completion bash)    # or in ~/.bashrc\n"
            + "ecsctl completion zsh > \"${fpath[1]}/_ecsctl\"");
        command.Arguments.Add(shell);
        Handle(command, options, (ctx, _) =>
        {
            var name = ctx.Value(shell)!;
            if (name is not ("bash" or "zsh")) throw new UsageException($"unknown shell \"{name}\"; use bash or zsh", "completion");
            if (name == "zsh") ctx.Out.WriteLine("#compdef ecsctl\nautoload -U +X bashcompinit && bashcompinit");
            ctx.Out.Write(Bash(ctx.Parse.RootCommandResult.Command, options));
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Each option's long name, then its short one, space-separated.</summary>
    private static string Flags(IEnumerable<Option> options) =>
        string.Join(' ', options.SelectMany(o => o.Aliases.Where(a => a.Length == 2 && a[0] == '-' && char.IsAsciiLetter(a[1])).Prepend(o.Name)));

    private static string Bash(Command root, CommonOptions options)
    {
        var globals = options.Globals.Concat(root.Options.Where(o => o.Name == "--help"));
        var files = string.Join('|', new Option[] { options.Filename, options.StateDir }.SelectMany(o => o.Aliases.Prepend(o.Name)));
        var sb = new StringBuilder();
        sb.Append("# ecsctl completion; load with: source <(ecsctl completion bash)\n");
        sb.Append("_ecsctl() {\n");
        sb.Append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" verb=\"\" i\n");
        sb.Append("  for ((i = 1; i < COMP_CWORD; i++)); do\n");
        sb.Append("    case \"${COMP_WORDS[i]}\" in -*) ;; *) verb=\"${COMP_WORDS[i]}\"; break ;; esac\n");
        sb.Append("  done\n");
        sb.Append($"  local globals=\"{Flags(globals)}\"\n");
        sb.Append($"  case \"$prev\" in {files}) COMPREPLY=(); return ;; esac\n");
        sb.Append("  if [[ -z \"$verb\" ]]; then\n");
        sb.Append($"    COMPREPLY=($(compgen -W \"{string.Join(' ', root.Subcommands.Select(c => c.Name))} $globals\" -- \"$cur\"))\n");
        sb.Append("    return\n  fi\n");
        sb.Append("  local flags=\"\" words=\"\"\n");
        sb.Append("  case \"$verb\" in\n");
        foreach (var c in root.Subcommands)
        {
            var words = c.Arguments.FirstOrDefault()?.GetCompletions(CompletionContext.Empty).Select(w => w.Label) ?? [];
            sb.Append($"    {c.Name}) flags=\"{Flags(c.Options)}\"; words=\"{string.Join(' ', words)}\" ;;\n");
        }

        sb.Append("  esac\n");
        sb.Append("  if [[ \"$cur\" == -* ]]; then words=\"$flags $globals\"; fi\n");
        sb.Append("  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n");
        sb.Append("}\n");
        sb.Append("complete -o default -F _ecsctl ecsctl\n");
        return sb.ToString();
    }
}
