using System.Text.Json.Nodes;
using EcsOperator.Core.Manifests;

namespace Ecsctl.Output;

/// <summary>One rendering of a document that does not depend on how it was written: keys sorted (the envelope
/// first), status left out. Used by <c>diff</c> so that only real changes show.</summary>
internal static class Canonical
{
    private static readonly string[] Envelope = ["apiVersion", "kind", "metadata", "spec"];

    public static string Yaml(ResourceDocument doc) => YamlWriter.Write(Sorted(doc.Root, top: true));

    public static JsonNode? Sorted(JsonNode? node, bool top = false) => node switch
    {
        JsonObject o => new JsonObject(o
            .Where(p => !(top && p.Key == "status"))
            .OrderBy(p => top && Array.IndexOf(Envelope, p.Key) is var i and >= 0 ? i : Envelope.Length)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(x => Sorted(x)).ToArray()),
        _ => node?.DeepClone(),
    };
}
