using System.Text;
using Ecsctl.Cli;

namespace Ecsctl.Commands;

/// <summary>
/// <c>ecsctl completion bash|zsh</c>: a completion script generated from <see cref="CommandTable"/>, so every verb and
/// flag completes. Completes verbs, their flags and the global ones, the words after <c>rollout</c> and <c>set</c>,
/// resource kinds, and file names after <c>-f</c>. zsh loads the same function through bashcompinit.
/// </summary>
internal static class Completion
{
    private static readonly Dictionary<string, string> SubCommands = new(StringComparer.Ordinal)
    {
        ["rollout"] = "status history undo restart pause resume",
        ["set"] = "image env",
        ["completion"] = "bash zsh",
    };

    private const string Kinds = "app apps job jobs cronjob cj scalepolicy sp capacitypool cp all";

    public static Task<int> RunAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var shell = line.Args[0];
        if (shell is not ("bash" or "zsh")) throw new UsageException($"unknown shell \"{shell}\"; use bash or zsh", "completion");
        if (shell == "zsh") ctx.Out.WriteLine("#compdef ecsctl\nautoload -U +X bashcompinit && bashcompinit");
        ctx.Out.Write(Bash());
        return Task.FromResult(0);
    }

    private static string Flags(IEnumerable<FlagSpec> flags) =>
        string.Join(' ', flags.SelectMany(f => f.Short is null ? [$"--{f.Name}"] : new[] { $"--{f.Name}", $"-{f.Short}" }));

    private static string Bash()
    {
        var sb = new StringBuilder();
        sb.Append("# ecsctl completion; load with: source <(ecsctl completion bash)\n");
        sb.Append("_ecsctl() {\n");
        sb.Append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" verb=\"\" i\n");
        sb.Append("  for ((i = 1; i < COMP_CWORD; i++)); do\n");
        sb.Append("    case \"${COMP_WORDS[i]}\" in -*) ;; *) verb=\"${COMP_WORDS[i]}\"; break ;; esac\n");
        sb.Append("  done\n");
        sb.Append($"  local globals=\"{Flags(CommandTable.Globals)}\"\n");
        sb.Append("  case \"$prev\" in -f|--filename|--state-dir) COMPREPLY=(); return ;; esac\n");
        sb.Append("  if [[ -z \"$verb\" ]]; then\n");
        sb.Append($"    COMPREPLY=($(compgen -W \"{string.Join(' ', CommandTable.Commands.Select(c => c.Name))} $globals\" -- \"$cur\"))\n");
        sb.Append("    return\n  fi\n");
        sb.Append("  local flags=\"\" words=\"\"\n");
        sb.Append("  case \"$verb\" in\n");
        foreach (var c in CommandTable.Commands)
        {
            var words = SubCommands.TryGetValue(c.Name, out var sub) ? sub
                : c.Name is "get" or "describe" or "delete" or "events" or "logs" or "wait" or "explain" or "scale" or "run" ? Kinds : "";
            sb.Append($"    {c.Name}) flags=\"{Flags(c.Flags)}\"; words=\"{words}\" ;;\n");
        }

        sb.Append("  esac\n");
        sb.Append("  if [[ \"$cur\" == -* ]]; then words=\"$flags $globals\"; fi\n");
        sb.Append("  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n");
        sb.Append("}\n");
        sb.Append("complete -o default -F _ecsctl ecsctl\n");
        return sb.ToString();
    }
}
