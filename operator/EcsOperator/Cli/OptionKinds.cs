using System.CommandLine;
using System.Globalization;

namespace EcsOperator.Cli;

/// <summary>
/// The kinds of option the operator's commands take, so every option parses alike: <c>--name V</c> or
/// <c>--name=V</c>; given twice, the last value counts. A value that does not fit is a usage error naming the option.
/// </summary>
internal static class OptionKinds
{
    /// <summary>A text value.</summary>
    public static Option<string> Text(string name, string valueName, string description) =>
        new(name) { HelpName = valueName, Description = description, Arity = ArgumentArity.OneOrMore, CustomParser = r => r.Tokens[^1].Value };

    /// <summary>A whole number of at least <paramref name="min"/> (null when not given).</summary>
    public static Option<int?> Count(string name, string valueName, string description, int min = 0) =>
        new(name)
        {
            HelpName = valueName,
            Description = description,
            Arity = ArgumentArity.OneOrMore,
            CustomParser = r =>
            {
                var text = r.Tokens[^1].Value;
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min) return n;
                r.AddError(min == 0 ? $"{name}: '{text}' is not a non-negative integer" : $"{name}: '{text}' is not a whole number of at least {min}");
                return null;
            },
        };

    /// <summary>A switch: <c>--name</c> (or <c>--name=true|false</c>).</summary>
    public static Option<bool> Switch(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description };
}
