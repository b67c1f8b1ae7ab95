using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EcsOperator.Core.Manifests;

/// <summary>One document of a stream as a JSON tree, with positions and the problems found while reading it.</summary>
internal sealed record ParsedDocument(JsonNode? Root, SourceMap Map, SourcePosition Start, int StartIndex, int EndIndex, IReadOnlyList<ManifestError> Errors);

/// <summary>
/// Reads a YAML (or JSON) stream at the event level into System.Text.Json trees. Aliases are expanded under a node
/// budget, duplicate and complex keys are errors, nesting is bounded, and nothing here throws on bad input.
/// </summary>
internal sealed partial class YamlTreeReader
{
    private readonly string _file;
    private readonly IParser _parser;
    private readonly List<ManifestError> _streamErrors = [];
    private Dictionary<string, (JsonNode? Node, int Size)> _anchors = [];
    private List<ManifestError> _errors = [];
    private SourceMap _map = new();
    private int _nodes;
    private int _aliases;
    private int _expanded;
    private const int MaxPathSegments = 10;
    private readonly List<string> _path = [];

    private YamlTreeReader(string text, string file)
    {
        _file = file;
        _text = text;
        _parser = new Parser(new StringReader(text));
    }

    /// <summary>Reads every document. Errors that end the stream (syntax, limits) come back in <paramref name="streamErrors"/>.</summary>
    public static IReadOnlyList<ParsedDocument> ReadAll(string text, string file, out IReadOnlyList<ManifestError> streamErrors)
    {
        var reader = new YamlTreeReader(text, file);
        var docs = new List<ParsedDocument>();
        try
        {
            reader.ReadStream(docs);
        }
        catch (YamlException e)
        {
            reader._streamErrors.Add(reader.SyntaxError(e));
        }
        catch (AbortException)
        {
            // the error that stopped reading is already recorded
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or IOException)
        {
            reader._streamErrors.Add(reader.ScannerFailure(e));
        }
        streamErrors = reader._streamErrors;
        return docs;
    }

    private void ReadStream(List<ParsedDocument> docs)
    {
        Expect<StreamStart>();
        while (!_parser.TryConsume<StreamEnd>(out _))
        {
            var start = _parser.Consume<DocumentStart>();
            _anchors = [];
            _errors = [];
            _map = new SourceMap();
            _nodes = 0;
            _aliases = 0;
            _expanded = 0;
            _path.Clear();
            var root = ReadNode(depth: 0);
            var end = _parser.Consume<DocumentEnd>();
            var startAt = Position(start.End);
            docs.Add(new ParsedDocument(root, _map, _map.Node(root) ?? startAt, (int)start.Start.Index, (int)end.End.Index, _errors));
        }
    }

    private void Expect<T>() where T : ParsingEvent => _parser.Consume<T>();

    private JsonNode? ReadNode(int depth)
    {
        var ev = _parser.Current ?? throw new YamlException("unexpected end of input");
        var at = Position(ev.Start);
        if (ev is AnchorAlias alias)
        {
            Advance();
            return ExpandAlias(alias, at);
        }
        if (depth >= ManifestLimits.MaxDepth)
        {
            _streamErrors.Add(Error(at, $"nesting deeper than {ManifestLimits.MaxDepth} levels"));
            throw new AbortException();
        }
        var before = _nodes;
        CountNode(at);
        JsonNode? node = ev switch
        {
            Scalar s => ReadScalar(s, at),
            SequenceStart q => ReadSequence(q, at, depth),
            MappingStart m => ReadMapping(m, at, depth),
            _ => throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}"),
        };
        _map.SetNode(node, at);
        if (ev is NodeEvent { Anchor.IsEmpty: false } ne) _anchors[ne.Anchor.Value] = (node, _nodes - before);
        return node;
    }

    private JsonNode? ReadScalar(Scalar s, SourcePosition at)
    {
        Advance();
        var (value, error) = YamlScalars.Resolve(s);
        if (error is not null) _errors.Add(Error(at, error));
        else if (value is not null && s.Style == ScalarStyle.Plain) _map.SetRaw(value, s.Value);
        return value;
    }

    private JsonArray ReadSequence(SequenceStart q, SourcePosition at, int depth)
    {
        if (!YamlScalars.IsCollectionTag(q.Tag, "seq")) _errors.Add(Error(at, $"unsupported tag '{q.Tag.Value}'"));
        EnterFlow(sequence: true, q, at);
        Advance();
        var array = new JsonArray();
        while (!TryConsume<SequenceEnd>()) array.Add(Within($"[{array.Count}]", () => ReadNode(depth + 1)));
        LeaveFlow(q);
        return array;
    }

    private JsonObject ReadMapping(MappingStart m, SourcePosition at, int depth)
    {
        if (!YamlScalars.IsCollectionTag(m.Tag, "map")) _errors.Add(Error(at, $"unsupported tag '{m.Tag.Value}'"));
        EnterFlow(sequence: false, m, at);
        Advance();
        var obj = new JsonObject();
        List<JsonObject>? merges = null;
        while (!TryConsume<MappingEnd>())
        {
            var keyEvent = _parser.Current ?? throw new YamlException("unexpected end of input");
            var keyAt = Position(keyEvent.Start);
            string? key = null;
            if (keyEvent is Scalar { Value: "<<", Style: ScalarStyle.Plain, Tag.IsEmpty: true })
            {
                Advance();
                CollectMerge(Within("<<", () => ReadNode(depth + 1)), keyAt, merges ??= []);
                continue;
            }
            if (keyEvent is Scalar ks)
            {
                Advance();
                key = ks.Value;
                if (ks.Style == ScalarStyle.Plain && ks.Tag.IsEmpty && YamlScalars.IsNullPlain(ks.Value))
                {
                    _errors.Add(Error(keyAt, "a mapping key must be a string, not null"));
                    key = null;
                }
            }
            else
            {
                _errors.Add(Error(keyAt, "a mapping key must be a string, not a mapping, sequence or alias"));
                SkipNode();
            }
            var value = Within(key ?? "?", () => ReadNode(depth + 1));
            if (key is null) continue;
            if (obj.ContainsKey(key))
            {
                var first = _map.Key(obj, key) ?? keyAt;
                _errors.Add(Within(key, () => Error(keyAt, $"duplicate key '{key}' (first defined at line {first.Line})")));
                continue;
            }
            obj[key] = value;
            _map.SetKey(obj, key, keyAt);
        }
        LeaveFlow(m);
        if (merges is not null) ApplyMerges(obj, merges);
        return obj;
    }

    private void SkipNode()
    {
        var depth = 0;
        do
        {
            var ev = _parser.Current ?? throw new YamlException("unexpected end of input");
            depth += ev.NestingIncrease;
            Advance();
        }
        while (depth > 0);
    }

    private JsonNode? ExpandAlias(AnchorAlias alias, SourcePosition at)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var target))
        {
            _streamErrors.Add(Error(at, $"unknown alias '*{alias.Value.Value}'"));
            throw new AbortException();
        }
        if (++_aliases > ManifestLimits.MaxAliases)
        {
            _streamErrors.Add(Error(at, $"more than {ManifestLimits.MaxAliases} aliases in one document"));
            throw new AbortException();
        }
        _nodes += target.Size;
        _expanded += target.Size;
        if (_expanded > ManifestLimits.MaxAliasExpansion || _nodes > ManifestLimits.MaxNodes)
        {
            _streamErrors.Add(Error(at, $"aliases expand to more than {ManifestLimits.MaxAliasExpansion} nodes (an alias bomb?)"));
            throw new AbortException();
        }
        var copy = target.Node?.DeepClone();
        MapCopy(target.Node, copy, at);
        return copy;
    }

    private void MapCopy(JsonNode? original, JsonNode? copy, SourcePosition at)
    {
        _map.SetNode(copy, at);
        if (original is JsonObject oo && copy is JsonObject co)
        {
            foreach (var (k, v) in oo)
            {
                _map.SetKey(co, k, at);
                MapCopy(v, co[k], at);
            }
        }
        else if (original is JsonArray oa && copy is JsonArray ca)
        {
            for (var i = 0; i < oa.Count; i++) MapCopy(oa[i], ca[i], at);
        }
    }

    private void CountNode(SourcePosition at)
    {
        if (++_nodes <= ManifestLimits.MaxNodes) return;
        _streamErrors.Add(Error(at, $"document has more than {ManifestLimits.MaxNodes} nodes"));
        throw new AbortException();
    }

    private ManifestError Error(SourcePosition at, string path, string message) => new(_file, at.Line, at.Column, path, message);

    /// <summary>An error at the node being read, named by its field path.</summary>
    private ManifestError Error(SourcePosition at, string message) => Error(at, CurrentPath(), message);

    private string CurrentPath()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var segment in _path.Take(MaxPathSegments))
        {
            if (sb.Length > 0 && segment[0] != '[') sb.Append('.');
            sb.Append(segment);
        }
        return _path.Count > MaxPathSegments ? sb.Append("...").ToString() : sb.ToString();
    }

    private T Within<T>(string segment, Func<T> read)
    {
        _path.Add(segment);
        var result = read();
        _path.RemoveAt(_path.Count - 1);
        return result;
    }

    private static SourcePosition Position(Mark m) => new((int)Math.Max(1, m.Line), (int)Math.Max(1, m.Column));

    private static string Clean(string message) => message.Replace("\r", " ").Replace("\n", " ").Trim();

    private sealed class AbortException : Exception;
}
