using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcsOperator.Core.Manifests;

/// <summary>Renders a JSON tree as block-style YAML that reads back to the same tree (YAML 1.2 core, and safe for YAML 1.1 readers).</summary>
public static partial class YamlWriter
{
    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> Yaml11Words = new(StringComparer.OrdinalIgnoreCase) { "y", "n", "yes", "no", "on", "off" };

    public static string Write(JsonNode? root)
    {
        var sb = new StringBuilder();
        switch (root)
        {
            case JsonObject { Count: > 0 } o: WriteMapping(sb, o, 0); break;
            case JsonArray { Count: > 0 } a: WriteSequence(sb, a, 0); break;
            default: sb.Append(Scalar(root)).Append('\n'); break;
        }
        return sb.ToString();
    }

    private static void WriteMapping(StringBuilder sb, JsonObject o, int indent, bool firstInline = false)
    {
        var first = true;
        foreach (var (key, value) in o)
        {
            if (!(first && firstInline)) sb.Append(' ', indent);
            first = false;
            sb.Append(Str(key)).Append(':');
            WriteValue(sb, value, indent, inSequence: false);
        }
    }

    private static void WriteSequence(StringBuilder sb, JsonArray a, int indent)
    {
        foreach (var item in a)
        {
            sb.Append(' ', indent).Append('-');
            WriteValue(sb, item, indent, inSequence: true);
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? value, int indent, bool inSequence)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } child when inSequence:
                sb.Append(' ');
                WriteMapping(sb, child, indent + 2, firstInline: true);
                break;
            case JsonObject { Count: > 0 } child:
                sb.Append('\n');
                WriteMapping(sb, child, indent + 2);
                break;
            case JsonArray { Count: > 0 } list:
                sb.Append('\n');
                WriteSequence(sb, list, inSequence ? indent + 2 : indent);
                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Str(v.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    /// <summary>A string as a plain scalar when that reads back as the same string, else double-quoted.</summary>
    internal static string Str(string s)
    {
        var plain = s.Length > 0 && s.Length < 200 && PlainSafe().IsMatch(s) && !s.EndsWith(' ') && !s.Contains(" #", StringComparison.Ordinal)
            && !s.Contains(": ", StringComparison.Ordinal) && !s.EndsWith(':') && !YamlScalars.PlainWouldRetype(s)
            && !Yaml11Words.Contains(s) && !NumericWithColons().IsMatch(s);
        return plain ? s : JsonSerializer.Serialize(s, StringOptions);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_/$][A-Za-z0-9_./$=+@(),:\- ]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainSafe();

    [GeneratedRegex(@"^[0-9:._+\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericWithColons();
}
