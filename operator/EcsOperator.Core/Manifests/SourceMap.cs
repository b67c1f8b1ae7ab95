using System.Text.Json.Nodes;

namespace EcsOperator.Core.Manifests;

/// <summary>A 1-based position in the source text.</summary>
internal readonly record struct SourcePosition(int Line, int Column);

/// <summary>Where each node (and each mapping key) of a parsed tree came from.</summary>
internal sealed class SourceMap
{
    private readonly Dictionary<JsonNode, SourcePosition> _nodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonObject, Dictionary<string, SourcePosition>> _keys = new(ReferenceEqualityComparer.Instance);

    public void SetNode(JsonNode? node, SourcePosition at)
    {
        if (node is not null) _nodes[node] = at;
    }

    private readonly Dictionary<JsonNode, string> _raw = new(ReferenceEqualityComparer.Instance);

    /// <summary>Remembers the text of a plain scalar typed as a number or boolean (so messages can say "quote it: \"0600\"").</summary>
    public void SetRaw(JsonNode? node, string text)
    {
        if (node is not null) _raw[node] = text;
    }

    public string? Raw(JsonNode? node) => node is not null && _raw.TryGetValue(node, out var t) ? t : null;

    public void SetKey(JsonObject owner, string key, SourcePosition at)
    {
        if (!_keys.TryGetValue(owner, out var keys)) _keys[owner] = keys = new(StringComparer.Ordinal);
        keys[key] = at;
    }

    public SourcePosition? Node(JsonNode? node) => node is not null && _nodes.TryGetValue(node, out var p) ? p : null;

    public SourcePosition? Key(JsonObject owner, string key) =>
        _keys.TryGetValue(owner, out var keys) && keys.TryGetValue(key, out var p) ? p : null;

    /// <summary>Position of a member's value, falling back to its key, then to the owner.</summary>
    public SourcePosition Member(JsonObject owner, string key, SourcePosition fallback) =>
        Node(owner[key]) ?? Key(owner, key) ?? Node(owner) ?? fallback;
}
