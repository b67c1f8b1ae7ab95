using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsOperator.Core.Manifests;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ecsctl.Manifests;

/// <summary>A scalar to rewrite in place: its path from the document root (string keys, int indexes) and the new text value.</summary>
internal sealed record ScalarEdit(IReadOnlyList<object> Path, string Value);

/// <summary>
/// Rewrites scalar values in a manifest's text without touching anything else: comments, key order, quoting and
/// layout of the rest stay as the user (or a raw put-item) wrote them. The scalars are found by walking YamlDotNet's
/// events (which carry character offsets); the result is accepted only when it parses to exactly the expected tree,
/// so an edit that cannot be made in place (an alias, a merge key, a tag) is reported as impossible, never guessed.
/// </summary>
internal static partial class ScalarEdits
{
    /// <summary>The edited text, or null when the edits cannot be made in place and mean <paramref name="expected"/>.</summary>
    public static string? TryApply(string text, IReadOnlyList<ScalarEdit> edits, JsonObject expected, string file)
    {
        var spans = Locate(text, edits);
        if (spans is null) return null;
        // First keep each scalar's style (plain stays plain when that reads back the same), then quote every value.
        foreach (var keepPlain in new[] { true, false })
        {
            var sb = new StringBuilder(text);
            foreach (var (start, end, plain, value) in spans.OrderByDescending(s => s.Start))
            {
                var literal = keepPlain && plain && SafePlain().IsMatch(value) ? value : JsonSerializer.Serialize(value);
                sb.Remove(start, end - start).Insert(start, literal);
            }

            var candidate = sb.ToString();
            var parsed = ManifestParser.ParseSingle(candidate, file);
            if (parsed.Ok && parsed.Documents.Count == 1 && JsonNode.DeepEquals(parsed.Documents[0].Root, expected)) return candidate;
        }

        return null;
    }

    private static List<(int Start, int End, bool Plain, string Value)>? Locate(string text, IReadOnlyList<ScalarEdit> edits)
    {
        var wanted = edits.ToDictionary(e => Key(e.Path), e => e.Value, StringComparer.Ordinal);
        var found = new List<(int, int, bool, string)>();
        var path = new List<object>();
        // Per open collection: a mapping expecting a key (null) or a value (the key), or a sequence's next index.
        var frames = new Stack<Frame>();
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                if (ev is DocumentStart or StreamStart or StreamEnd or DocumentEnd or Comment) continue;
                if (ev is MappingEnd or SequenceEnd)
                {
                    frames.Pop();
                    if (path.Count > 0) path.RemoveAt(path.Count - 1);
                    Advance(frames);
                    continue;
                }

                if (frames.TryPeek(out var top) && top.Mapping && top.Key is null)
                {
                    // a mapping key: only plain string keys lead anywhere we edit
                    if (ev is not Scalar k) return null;
                    top.Key = k.Value;
                    continue;
                }

                if (frames.TryPeek(out var parent)) path.Add(parent.Mapping ? parent.Key! : parent.Index);
                switch (ev)
                {
                    case MappingStart:
                        frames.Push(new Frame(mapping: true));
                        continue;
                    case SequenceStart:
                        frames.Push(new Frame(mapping: false));
                        continue;
                    case Scalar s:
                        if (wanted.TryGetValue(Key(path), out var value))
                        {
                            if (!s.Anchor.IsEmpty || !s.Tag.IsEmpty) return null;
                            found.Add(((int)s.Start.Index, (int)s.End.Index, s.Style == ScalarStyle.Plain, value));
                        }

                        break;
                }

                if (path.Count > 0) path.RemoveAt(path.Count - 1);
                Advance(frames);
            }
        }
        catch (YamlException)
        {
            return null;
        }

        return found.Count == wanted.Count ? found : null;
    }

    /// <summary>After a complete node: the enclosing mapping expects its next key, the enclosing sequence its next index.</summary>
    private static void Advance(Stack<Frame> frames)
    {
        if (!frames.TryPeek(out var f)) return;
        if (f.Mapping) f.Key = null;
        else f.Index++;
    }

    private static string Key(IEnumerable<object> path) => string.Join("\u0001", path.Select(p => p is int i ? "#" + i : "." + p));

    /// <summary>Values that read back as the same string when written plain, in block or flow context.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_./][A-Za-z0-9_./@:+=-]*$")]
    private static partial Regex SafePlain();

    private sealed class Frame(bool mapping)
    {
        public bool Mapping { get; } = mapping;

        public string? Key { get; set; }

        public int Index { get; set; }
    }
}
