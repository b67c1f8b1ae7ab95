namespace EcsOperator.Cli;

/// <summary>Parsed <c>--name value</c> / <c>--name=value</c> options and <c>--flag</c>s after the command word.</summary>
internal sealed class CommandArgs
{
    private readonly Dictionary<string, string?> options = new(StringComparer.Ordinal);

    private CommandArgs(string command) => Command = command;

    public string Command { get; }

    public List<string> Positional { get; } = [];

    /// <summary>Null with an error message when the arguments cannot be parsed.</summary>
    public static CommandArgs? Parse(string[] args, IReadOnlySet<string> flags, out string? error)
    {
        error = null;
        if (args.Length == 0)
        {
            error = "missing command";
            return null;
        }
        var parsed = new CommandArgs(args[0]);
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(a);
                continue;
            }
            var eq = a.IndexOf('=');
            var name = eq > 0 ? a[2..eq] : a[2..];
            if (eq > 0) parsed.options[name] = a[(eq + 1)..];
            else if (flags.Contains(name)) parsed.options[name] = "true";
            else if (i + 1 < args.Length) parsed.options[name] = args[++i];
            else
            {
                error = $"option --{name} needs a value";
                return null;
            }
        }
        return parsed;
    }

    public IEnumerable<string> Names => options.Keys;

    public string? Get(string name) => options.GetValueOrDefault(name);

    public string? GetOrEnv(string name, string env) => Get(name) ?? NonEmpty(Environment.GetEnvironmentVariable(env));

    public bool Flag(string name) => options.ContainsKey(name);

    public int? Int(string name, out string? error)
    {
        error = null;
        if (Get(name) is not { } v) return null;
        if (int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0) return n;
        error = $"--{name}: '{v}' is not a non-negative integer";
        return null;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
