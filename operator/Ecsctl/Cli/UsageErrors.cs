using System.CommandLine;
using System.CommandLine.Parsing;

namespace Ecsctl.Cli;

/// <summary>
/// Turns System.CommandLine's parse result into ecsctl's usage errors (exit 2): unknown verbs and flags with a
/// did-you-mean, a flag without its value, a missing or extra argument, and a validator's message as written. Two
/// checks System.CommandLine leaves to the application: a token that looks like a flag but matched none (the parser
/// takes it as an argument) and a value given to a switch (<c>--dry-run=yes</c>).
/// </summary>
internal static class UsageErrors
{
    public static UsageException? Find(ParseResult parse, IReadOnlyList<string> args)
    {
        if (parse.Action is { ClearsParseErrors: true }) return null; // --help, --version
        var command = parse.CommandResult.Command;
        var verb = command is RootCommand ? null : command.Name;
        if (SwitchWithValue(parse.RootCommandResult.Command, args) is { } flag) return new($"flag {flag} takes no value", verb);
        var flagLike = parse.UnmatchedTokens.Where(IsFlag).Concat(FlagsTakenAsArguments(parse)).FirstOrDefault();
        if (flagLike is not null) return UnknownFlag(flagLike, command, verb, args);
        if (parse.UnmatchedTokens.FirstOrDefault() is { } unmatched) return Unmatched(unmatched, command, verb);
        if (parse.Errors.FirstOrDefault() is { } error) return Translate(error, verb);
        return null;
    }

    private static bool IsFlag(string token) => token.Length > 1 && token[0] == '-';

    /// <summary>A flag no option of the verb (or a global one) has; before the verb, also a verb's own flag.</summary>
    private static UsageException UnknownFlag(string token, Command command, string? verb, IReadOnlyList<string> args)
    {
        var beforeVerb = verb is null || args.ToList().IndexOf(token) < args.ToList().IndexOf(verb);
        if (beforeVerb)
        {
            var root = command.Parents.OfType<Command>().FirstOrDefault() ?? command;
            return new($"unknown flag {token}{Suggest(token, Names(root.Options))} (a command's own flags go after the command)", verb);
        }

        return new($"unknown flag {token} for \"{verb}\"{Suggest(token, Names(Options(command)))}", verb);
    }

    private static UsageException Unmatched(string token, Command command, string? verb)
    {
        if (verb is not null) return new($"unexpected argument \"{token}\" for \"{verb}\"", verb);
        var names = command.Subcommands.Select(c => c.Name).ToList();
        return new($"unknown command \"{token}\"{Suggest(token, names)}; commands: {string.Join(", ", names)}");
    }

    private static UsageException Translate(ParseError error, string? verb) => error.SymbolResult switch
    {
        OptionResult { Tokens.Count: 0 } o => new($"flag {o.IdentifierToken?.Value ?? o.Option.Name} needs a value ({o.Option.HelpName ?? "VALUE"})", verb),
        ArgumentResult { Tokens.Count: 0 } a => new($"missing {ArgumentLabel(a.Argument)}", verb),
        _ => new(error.Message, verb),
    };

    /// <summary><c>--name=value</c> or <c>-s=value</c> naming an option that takes no value.</summary>
    private static string? SwitchWithValue(Command root, IReadOnlyList<string> args)
    {
        var switches = AllOptions(root).Where(o => o.Arity.MaximumNumberOfValues == 0).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var arg in args.TakeWhile(a => a != "--"))
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith('-') && eq > 0 && switches.Contains(arg[..eq])) return arg[..eq];
        }

        return null;
    }

    /// <summary>A verb's arguments that start with <c>-</c> and came before <c>--</c>: System.CommandLine takes an
    /// unknown flag as an argument, ecsctl refuses it (an option's value, like <c>--replicas -1</c>, is not an argument).</summary>
    private static IEnumerable<string> FlagsTakenAsArguments(ParseResult parse)
    {
        var afterDashes = parse.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Skip(1).Select(t => t.Value).ToList();
        var arguments = parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value);
        foreach (var value in arguments.Where(IsFlag))
        {
            if (!afterDashes.Remove(value)) yield return value;
        }
    }

    private static IEnumerable<string> Names(IEnumerable<Option> options) => options.SelectMany(o => o.Aliases.Append(o.Name));

    /// <summary>The options valid on <paramref name="command"/>: its own and the recursive ones of its ancestors.</summary>
    private static IEnumerable<Option> Options(Command command) =>
        command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive)));

    private static IEnumerable<Option> AllOptions(Command command) => command.Options.Concat(command.Subcommands.SelectMany(AllOptions));

    private static string ArgumentLabel(Argument argument) => $"<{argument.HelpName ?? argument.Name}>";

    /// <summary>" (did you mean X?)" for the one candidate within a small edit distance, else "".</summary>
    private static string Suggest(string wrong, IEnumerable<string> candidates)
    {
        var limit = Math.Max(1, Math.Min(3, wrong.Length / 3));
        var close = candidates.Distinct().Select(c => (Name: c, Distance: Distance(wrong, c))).Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ToList();
        return close.Count > 0 && (close.Count == 1 || close[1].Distance > close[0].Distance) ? $" (did you mean {close[0].Name}?)" : "";
    }

    /// <summary>Levenshtein distance with adjacent swaps counted once.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
