using System.Text.RegularExpressions;
using Ecsctl.Cli;
using Ecsctl.Manifests;

namespace Ecsctl.Commands;

/// <summary>
/// A Kubernetes label selector as <c>-l</c> takes it: comma-separated requirements, all of which must hold:
/// <c>key=value</c> (or <c>==</c>), <c>key!=value</c>, <c>key in (a,b)</c>, <c>key notin (a,b)</c>, <c>key</c> (has
/// the label), <c>!key</c> (has not). As in Kubernetes, <c>!=</c> and <c>notin</c> also match items without the label.
/// An item whose stored manifest is invalid has no labels anyone can trust and matches no selector.
/// </summary>
internal sealed partial class LabelSelector
{
    private enum Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist }

    private sealed record Requirement(string Key, Op Op, IReadOnlyList<string> Values);

    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements, string text)
    {
        _requirements = requirements;
        Text = text;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; bad syntax is a usage error naming the requirement.</summary>
    public static LabelSelector Parse(string text, string? command)
    {
        var requirements = new List<Requirement>();
        foreach (var part in SplitTopLevel(text, command))
        {
            var p = part.Trim();
            if (p.Length == 0) throw new UsageException($"-l \"{text}\": empty requirement", command);
            requirements.Add(ParseOne(p, text, command));
        }

        return new LabelSelector(requirements, text);
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        return _requirements.All(r => r.Op switch
        {
            Op.Equals => labels.TryGetValue(r.Key, out var v) && v == r.Values[0],
            Op.NotEquals => !labels.TryGetValue(r.Key, out var v) || v != r.Values[0],
            Op.In => labels.TryGetValue(r.Key, out var v) && r.Values.Contains(v),
            Op.NotIn => !labels.TryGetValue(r.Key, out var v) || !r.Values.Contains(v),
            Op.Exists => labels.ContainsKey(r.Key),
            _ => !labels.ContainsKey(r.Key),
        });
    }

    public bool Matches(StoredItem item) => item.Document is { } doc && Matches(doc.Metadata.Labels);

    private static Requirement ParseOne(string p, string text, string? command)
    {
        if (SetForm().Match(p) is { Success: true } set)
        {
            var values = set.Groups["values"].Value.Split(',').Select(v => v.Trim()).ToList();
            if (values.Any(v => !IsValue(v))) throw Bad(p, text, command, "a value is not a label value");
            return new Requirement(Key(set.Groups["key"].Value, p, text, command), set.Groups["op"].Value == "in" ? Op.In : Op.NotIn, values);
        }

        if (p.StartsWith('!')) return new Requirement(Key(p[1..].Trim(), p, text, command), Op.DoesNotExist, []);
        foreach (var (token, op) in new[] { ("!=", Op.NotEquals), ("==", Op.Equals), ("=", Op.Equals) })
        {
            var at = p.IndexOf(token, StringComparison.Ordinal);
            if (at < 0) continue;
            var value = p[(at + token.Length)..].Trim();
            if (!IsValue(value)) throw Bad(p, text, command, $"\"{value}\" is not a label value");
            return new Requirement(Key(p[..at].Trim(), p, text, command), op, [value]);
        }

        return new Requirement(Key(p, p, text, command), Op.Exists, []);
    }

    private static string Key(string key, string part, string text, string? command) =>
        LabelKey().IsMatch(key) ? key : throw Bad(part, text, command, $"\"{key}\" is not a label key");

    private static bool IsValue(string v) => v.Length == 0 || LabelValue().IsMatch(v);

    private static UsageException Bad(string part, string text, string? command, string why) =>
        new($"-l \"{text}\": \"{part}\": {why} (use key=value, key!=value, key in (a,b), key notin (a,b), key or !key)", command);

    /// <summary>Splits on commas outside parentheses.</summary>
    private static List<string> SplitTopLevel(string text, string? command)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth < 0) break;
            else if (text[i] == ',' && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        if (depth != 0) throw new UsageException($"-l \"{text}\": unbalanced parentheses", command);
        parts.Add(text[start..]);
        return parts;
    }

    [GeneratedRegex(@"^(?<key>\S+)\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)$")]
    private static partial Regex SetForm();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
