using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EcsOperator.Core.Manifests;

/// <summary>
/// Renders a JSON tree as block-style YAML that reads back to the same tree (YAML 1.2 core, and safe for YAML 1.1
/// readers), through YamlDotNet's emitter. Keys keep the tree's order. This class only decides each scalar's style:
/// a string is plain when that reads back as the same string, a literal block (<c>|</c>) when it spans lines, and
/// double-quoted otherwise (<c>"true"</c>, <c>"1.5"</c>, <c>"on"</c>, <c>"1:45"</c>). Used for stored documents,
/// <c>ecsctl get -o yaml</c> and the YAML that diffs compare.
/// </summary>
public static partial class YamlWriter
{
    private static readonly EmitterSettings Settings = EmitterSettings.Default.WithBestWidth(int.MaxValue).WithNewLine("\n");

    private static readonly HashSet<string> Yaml11Words = new(StringComparer.OrdinalIgnoreCase) { "y", "n", "yes", "no", "on", "off" };

    public static string Write(JsonNode? root)
    {
        using var text = new StringWriter();
        var emitter = new Emitter(text, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                // An empty mapping or list is written in flow style ({} / []), as block style has no empty form.
                emitter.Emit(new MappingStart(null, null, isImplicit: true, o.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in o)
                {
                    String(emitter, key);
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray a:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, a.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in a) Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                String(emitter, v.GetValue<string>());
                break;
            default:
                // null, true/false and numbers: their JSON text is also their plain YAML form.
                Plain(emitter, node is null ? "null" : node.ToJsonString());
                break;
        }
    }

    private static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(null, null, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));

    private static void String(IEmitter emitter, string s)
    {
        var style = IsPlainSafe(s) ? ScalarStyle.Plain : IsBlockSafe(s) ? ScalarStyle.Literal : ScalarStyle.DoubleQuoted;
        // The emitter itself falls back to a quoted style when the chosen one cannot hold the text.
        emitter.Emit(new Scalar(null, null, s, style, isPlainImplicit: style == ScalarStyle.Plain, isQuotedImplicit: true));
    }

    /// <summary>True when a plain scalar reads back as this same string (not a number, boolean, null or YAML 1.1 word).</summary>
    private static bool IsPlainSafe(string s) =>
        s.Length > 0 && s.Length < 200 && PlainChars().IsMatch(s) && !s.EndsWith(' ') && !s.Contains(" #", StringComparison.Ordinal)
        && !s.Contains(": ", StringComparison.Ordinal) && !s.EndsWith(':') && !YamlScalars.PlainWouldRetype(s)
        && !Yaml11Words.Contains(s) && !NumericWithColons().IsMatch(s);

    /// <summary>Multi-line text of printable characters, tabs and LF breaks, which a literal block keeps exactly.</summary>
    private static bool IsBlockSafe(string s) =>
        s.Contains('\n', StringComparison.Ordinal) && !s.StartsWith('\n') && !s.Any(c => c is not ('\n' or '\t') && (char.IsControl(c) || c == '\uFEFF'));

    [GeneratedRegex(@"^[A-Za-z0-9_/$][A-Za-z0-9_./$=+@(),:\- ]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainChars();

    [GeneratedRegex(@"^[0-9:._+\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericWithColons();
}
