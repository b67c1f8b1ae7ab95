using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcsOperator.Core.Diff;

/// <summary>Renders a JSON tree as block YAML (stable: keys in the tree's order), for diffs and describe output.</summary>
public static partial class YamlRenderer
{
    public static string Render(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, 0, inSequence: false);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int indent, bool inSequence)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject { Count: 0 }:
                sb.Append(inSequence ? "{}\n" : pad + "{}\n");
                break;
            case JsonObject o:
                var first = true;
                foreach (var (k, v) in o)
                {
                    sb.Append(first && inSequence ? "" : pad).Append(Scalar(k)).Append(':');
                    first = false;
                    WriteValue(sb, v, indent);
                }
                break;
            case JsonArray { Count: 0 }:
                sb.Append(inSequence ? "[]\n" : pad + "[]\n");
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    sb.Append(pad).Append("- ");
                    if (item is JsonObject { Count: > 0 } or JsonArray { Count: > 0 }) Write(sb, item, indent + 2, inSequence: true);
                    else sb.Append(ScalarNode(item)).Append('\n');
                }
                break;
            default:
                sb.Append(inSequence ? "" : pad).Append(ScalarNode(node)).Append('\n');
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? v, int indent)
    {
        switch (v)
        {
            case JsonObject { Count: > 0 }:
                sb.Append('\n');
                Write(sb, v, indent + 2, inSequence: false);
                break;
            case JsonArray { Count: > 0 }:
                sb.Append('\n');
                Write(sb, v, indent, inSequence: false);
                break;
            case JsonObject:
                sb.Append(" {}\n");
                break;
            case JsonArray:
                sb.Append(" []\n");
                break;
            default:
                sb.Append(' ').Append(ScalarNode(v)).Append('\n');
                break;
        }
    }

    private static string ScalarNode(JsonNode? n) => n switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Scalar(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => n.ToJsonString(),
    };

    /// <summary>A string as a YAML scalar: plain when unambiguous, else double-quoted JSON-style.</summary>
    public static string Scalar(string s)
    {
        if (s.Length > 0 && Plain().IsMatch(s) && !LooksTyped(s)) return s;
        return JsonSerializer.Serialize(s);
    }

    private static bool LooksTyped(string s) =>
        s is "true" or "false" or "null" or "~" or "yes" or "no" or "on" or "off" or "True" or "False" or "Yes" or "No" or "NULL" or "Null"
        || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"^[A-Za-z0-9_./][A-Za-z0-9_./@ :+=,()-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();
}
