namespace Ecsctl.Cli;

/// <summary>The parsed command line: the verb, its positional arguments and flag values (by long name).</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _flags;

    private CommandLine(CommandSpec? command, IReadOnlyList<string> args, Dictionary<string, List<string>> flags)
    {
        Command = command;
        Args = args;
        _flags = flags;
    }

    /// <summary>Null when no verb was given (plain <c>ecsctl</c> or <c>ecsctl --help</c>).</summary>
    public CommandSpec? Command { get; }

    public IReadOnlyList<string> Args { get; }

    public bool Has(string name) => _flags.ContainsKey(name);

    public string? Value(string name) => _flags.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> Values(string name) => _flags.TryGetValue(name, out var v) ? v : [];

    public bool Help => Has("help");

    /// <summary>Flags may come before or after the verb (global flags anywhere, a verb's own flags after it).</summary>
    public static CommandLine Parse(IReadOnlyList<string> argv, IReadOnlyList<CommandSpec> commands, IReadOnlyList<FlagSpec> globals)
    {
        CommandSpec? command = null;
        var args = new List<string>();
        var flags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < argv.Count; i++)
        {
            var token = argv[i];
            if (token == "--")
            {
                args.AddRange(argv.Skip(i + 1));
                break;
            }

            if (token.Length > 1 && token[0] == '-')
            {
                var (spec, inline) = Lookup(token, command, globals);
                string value;
                if (!spec.TakesValue)
                {
                    if (inline is not null) throw new UsageException($"flag --{spec.Name} takes no value", command?.Name);
                    value = "true";
                }
                else if (inline is not null) value = inline;
                else if (i + 1 < argv.Count) value = argv[++i];
                else throw new UsageException($"flag --{spec.Name} needs a value ({spec.ValueName})", command?.Name);
                if (!flags.TryGetValue(spec.Name, out var list)) flags[spec.Name] = list = [];
                list.Add(value);
                continue;
            }

            if (command is null)
            {
                command = commands.FirstOrDefault(c => c.Name == token)
                    ?? throw new UsageException($"unknown command \"{token}\"; commands: {string.Join(", ", commands.Select(c => c.Name))}");
                continue;
            }

            args.Add(token);
        }

        var line = new CommandLine(command, args, flags);
        if (command is not null && !line.Help && (args.Count < command.MinArgs || args.Count > command.MaxArgs))
        {
            var expected = command.MinArgs == command.MaxArgs ? $"{command.MinArgs}" : $"{command.MinArgs} to {command.MaxArgs}";
            throw new UsageException($"\"{command.Name}\" takes {expected} argument(s), got {args.Count}: usage: {command.Usage}", command.Name);
        }

        return line;
    }

    private static (FlagSpec Spec, string? Inline) Lookup(string token, CommandSpec? command, IReadOnlyList<FlagSpec> globals)
    {
        var known = command is null ? globals : globals.Concat(command.Flags).ToList();
        string name;
        string? inline = null;
        FlagSpec? spec;
        if (token.StartsWith("--", StringComparison.Ordinal))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            name = eq < 0 ? token[2..] : token[2..eq];
            inline = eq < 0 ? null : token[(eq + 1)..];
            spec = known.FirstOrDefault(f => f.Name == name);
        }
        else
        {
            name = token[1..2];
            inline = token.Length > 2 ? token[2..].TrimStart('=') : null;
            spec = known.FirstOrDefault(f => f.Short == name);
        }

        if (spec is not null) return (spec, inline);
        var where = command is null ? "" : $" for \"{command.Name}\"";
        var later = command is null ? " (a command's own flags go after the command)" : "";
        throw new UsageException($"unknown flag {token}{where}{later}", command?.Name);
    }
}
