using System.Text.Json.Nodes;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>Collects errors for one document, positioning each through the document's source map.</summary>
internal sealed class ValidationContext(string file, SourceMap map, SourcePosition documentStart)
{
    private readonly List<ManifestError> _errors = [];
    private readonly List<ManifestError> _notes = [];

    public IReadOnlyList<ManifestError> Errors => _errors;

    /// <summary>Things worth telling that do not stop the document (a describe-only member that is dropped).</summary>
    public IReadOnlyList<ManifestError> Notes => _notes;
    public SourceMap Map => map;
    public SourcePosition DocumentStart => documentStart;

    public void Add(SourcePosition at, string path, string message) => _errors.Add(new ManifestError(file, at.Line, at.Column, path, message));

    /// <summary>Error at a node (falls back to the document start when the node has no position, e.g. null).</summary>
    public void AtNode(JsonNode? node, string path, string message) => Add(map.Node(node) ?? documentStart, path, message);

    /// <summary>Error at a member's value (or key, when the value is null).</summary>
    public void AtMember(JsonObject owner, string key, string path, string message) =>
        Add(map.Member(owner, key, documentStart), path, message);

    /// <summary>Error at a member's key.</summary>
    public void AtKey(JsonObject owner, string key, string path, string message) =>
        Add(map.Key(owner, key) ?? map.Node(owner) ?? documentStart, path, message);

    /// <summary>A note at a member's key.</summary>
    public void NoteAtKey(JsonObject owner, string key, string path, string message)
    {
        var at = map.Key(owner, key) ?? map.Node(owner) ?? documentStart;
        _notes.Add(new ManifestError(file, at.Line, at.Column, path, message));
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
