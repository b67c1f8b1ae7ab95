using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ecsctl.Cli;

namespace Ecsctl.Output;

/// <summary>
/// <c>-o jsonpath=TEMPLATE</c>, the kubectl subset: text with <c>{...}</c> expressions. An expression is a path from
/// the object (<c>.status.conditions[0].reason</c>, <c>.metadata.labels['app.kubernetes.io/name']</c>), with <c>[N]</c>
/// (negative counts from the end), <c>[*]</c> / <c>.*</c> (every element or member), <c>[?(@.type=="Available")]</c>
/// (a filter comparing a path with a quoted string or number by <c>==</c> or <c>!=</c>); <c>{range PATH}...{end}</c>
/// repeats its body for each result; <c>{"\n"}</c> is a literal. Several results print separated by spaces; strings
/// print raw, numbers and booleans as JSON, objects and arrays as compact JSON; a path that leads nowhere prints nothing.
/// Not supported: recursive descent (<c>..</c>), slices, unions, and filters other than == / !=.
/// </summary>
internal sealed class JsonPathTemplate
{
    private abstract record Part;

    private sealed record Literal(string Text) : Part;

    private sealed record Expression(string Path) : Part;

    private sealed record Range(string Path, IReadOnlyList<Part> Body) : Part;

    private readonly IReadOnlyList<Part> _parts;

    private JsonPathTemplate(IReadOnlyList<Part> parts) => _parts = parts;

    public static JsonPathTemplate Parse(string template)
    {
        var pos = 0;
        var parts = ParseParts(template, ref pos, inRange: false);
        return new JsonPathTemplate(parts);
    }

    public string Render(JsonNode? root)
    {
        var sb = new StringBuilder();
        Render(_parts, root, sb);
        return sb.ToString();
    }

    private static void Render(IReadOnlyList<Part> parts, JsonNode? node, StringBuilder sb)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case Literal l:
                    sb.Append(l.Text);
                    break;
                case Expression e:
                    sb.Append(string.Join(' ', Select(node, e.Path).Select(Format)));
                    break;
                case Range r:
                    foreach (var item in Select(node, r.Path)) Render(r.Body, item, sb);
                    break;
            }
        }
    }

    private static List<Part> ParseParts(string t, ref int pos, bool inRange)
    {
        var parts = new List<Part>();
        var text = new StringBuilder();
        while (pos < t.Length)
        {
            if (t[pos] != '{')
            {
                text.Append(t[pos++]);
                continue;
            }

            var close = FindClose(t, pos);
            var inner = t[(pos + 1)..close].Trim();
            pos = close + 1;
            if (text.Length > 0) parts.Add(new Literal(text.ToString()));
            text.Clear();
            if (inner == "end")
            {
                if (!inRange) throw Bad(t, "{end} without {range}");
                return parts;
            }

            if (inner.StartsWith("range ", StringComparison.Ordinal))
            {
                var body = ParseParts(t, ref pos, inRange: true);
                parts.Add(new Range(inner[6..].Trim(), body));
                continue;
            }

            parts.Add(inner.StartsWith('"') ? new Literal(Unquote(inner, t)) : new Expression(inner));
        }

        if (inRange) throw Bad(t, "{range} without {end}");
        if (text.Length > 0) parts.Add(new Literal(text.ToString()));
        return parts;
    }

    private static int FindClose(string t, int open)
    {
        var quoted = false;
        for (var i = open + 1; i < t.Length; i++)
        {
            if (t[i] == '"' && t[i - 1] != '\\') quoted = !quoted;
            else if (t[i] == '}' && !quoted) return i;
        }

        throw Bad(t, $"unclosed '{{' at position {open}");
    }

    private static string Unquote(string inner, string t)
    {
        try
        {
            return JsonSerializer.Deserialize<string>(inner) ?? "";
        }
        catch (JsonException)
        {
            throw Bad(t, $"bad literal {inner}");
        }
    }

    /// <summary>Every node the path leads to (none when it leads nowhere).</summary>
    private static IEnumerable<JsonNode?> Select(JsonNode? root, string path)
    {
        IEnumerable<JsonNode?> current = [root];
        var i = 0;
        if (path.StartsWith('@') || path.StartsWith('$')) i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
                if (i < path.Length && path[i] == '.') throw Bad(path, "recursive descent (..) is not supported");
                var start = i;
                while (i < path.Length && path[i] is not ('.' or '[')) i++;
                var name = path[start..i];
                current = name == "*" ? current.SelectMany(Children) : current.Select(n => (n as JsonObject)?[name]).Where(n => n is not null).ToList();
                continue;
            }

            if (path[i] != '[') throw Bad(path, $"unexpected '{path[i]}' at position {i}");
            var close = IndexClose(path, i);
            var index = path[(i + 1)..close].Trim();
            i = close + 1;
            current = index switch
            {
                "*" => current.SelectMany(Children).ToList(),
                _ when index.StartsWith('\'') || index.StartsWith('"') => current.Select(n => (n as JsonObject)?[index[1..^1]]).Where(n => n is not null).ToList(),
                _ when index.StartsWith("?(", StringComparison.Ordinal) && index.EndsWith(')') => Filter(current, index[2..^1], path),
                _ when int.TryParse(index, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) =>
                    current.Select(x => x is JsonArray a && (n < 0 ? a.Count + n : n) is var k && k >= 0 && k < a.Count ? a[k] : null).Where(x => x is not null).ToList(),
                _ => throw Bad(path, $"unsupported subscript [{index}]"),
            };
        }

        return current;
    }

    private static List<JsonNode?> Filter(IEnumerable<JsonNode?> current, string condition, string path)
    {
        var op = condition.Contains("!=", StringComparison.Ordinal) ? "!=" : condition.Contains("==", StringComparison.Ordinal) ? "==" : null;
        if (op is null) throw Bad(path, $"filter ?({condition}) needs == or !=");
        var at = condition.IndexOf(op, StringComparison.Ordinal);
        var left = condition[..at].Trim();
        var right = condition[(at + 2)..].Trim();
        if (!left.StartsWith('@')) throw Bad(path, $"a filter compares a path from @, got {left}");
        var expected = right.StartsWith('\'') && right.EndsWith('\'') && right.Length >= 2 ? right[1..^1]
            : right.StartsWith('"') ? Unquote(right, path) : right;
        return current.SelectMany(Children).Where(item =>
        {
            var values = Select(item, left).Select(Format).ToList();
            var equal = values.Count > 0 && values.Any(v => v == expected);
            return op == "==" ? equal : !equal;
        }).ToList();
    }

    private static int IndexClose(string path, int open)
    {
        var depth = 0;
        var quote = '\0';
        for (var i = open; i < path.Length; i++)
        {
            var c = path[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                continue;
            }

            if (c is '\'' or '"') quote = c;
            else if (c is '[' or '(') depth++;
            else if ((c is ']' or ')') && --depth == 0) return i;
        }

        throw Bad(path, $"unclosed '[' at position {open}");
    }

    private static IEnumerable<JsonNode?> Children(JsonNode? n) => n switch
    {
        JsonArray a => a,
        JsonObject o => o.Select(p => p.Value),
        _ => [],
    };

    private static string Format(JsonNode? n) => n switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => n.ToJsonString(),
    };

    private static UsageException Bad(string template, string why) => new($"-o jsonpath: {why} in \"{template}\"", "get");
}
