using System.Globalization;

namespace Ecsctl.Cli;

/// <summary>Flag values whose shape a verb checks itself (a usage error names the flag and the value).</summary>
internal static class CliValues
{
    /// <summary>Durations as kubectl writes them: <c>90</c>, <c>90s</c>, <c>5m</c>, <c>1h</c>.</summary>
    public static TimeSpan Duration(string text, string flag, string command)
    {
        var unit = text.Length > 0 && char.IsAsciiLetter(text[^1]) ? text[^1] : 's';
        var digits = text.Length > 0 && char.IsAsciiLetter(text[^1]) ? text[..^1] : text;
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || n > 1e8 || !double.IsFinite(n))
            throw new UsageException($"--{flag}={text}: use e.g. 90s, 5m or 1h", command);
        return unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            _ => throw new UsageException($"--{flag}={text}: use e.g. 90s, 5m or 1h", command),
        };
    }

    /// <summary>A positive whole number, or null when the flag was not given.</summary>
    public static int? Positive(string? value, string flag, string command) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new UsageException($"--{flag} {value}: not a positive whole number", command);

    /// <summary><c>KEY=VALUE</c> values of a repeatable flag (a later KEY wins).</summary>
    public static Dictionary<string, string> Pairs(IReadOnlyList<string> values, string flag, string command)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            var eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new UsageException($"--{flag} {v}: use KEY=VALUE", command);
            pairs[v[..eq]] = v[(eq + 1)..];
        }

        return pairs;
    }
}
