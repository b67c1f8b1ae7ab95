using System.Text.Json;
using System.Text.Json.Nodes;
using Ecsctl.Manifests;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;

namespace Ecsctl.Output;

/// <summary><c>-o json</c> / <c>-o yaml</c>: the document as stored plus its status; a list as <c>{"kind":"List","items":[...]}</c>.
/// The output of a valid item can be applied again as is (status is ignored on apply).</summary>
internal static class ObjectOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToObject(StoredItem item)
    {
        if (item.Document is { } doc) return doc.WithStatus(item.Status);
        var key = item.Resource.Key;
        var o = new JsonObject
        {
            ["apiVersion"] = ResourceKinds.ApiVersion,
            ["kind"] = key.Kind.ToString(),
            ["metadata"] = new JsonObject { ["name"] = key.Name, ["namespace"] = key.Namespace },
            ["invalid"] = new JsonObject
            {
                ["errors"] = new JsonArray(item.Errors.Select(e => (JsonNode?)JsonValue.Create(ErrorText.Format(e))).ToArray()),
                ["manifest"] = item.Resource.Manifest,
            },
        };
        if (item.Status is { } status) o["status"] = status.DeepClone();
        return o;
    }

    public static JsonNode ToList(IEnumerable<StoredItem> items) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray(items.Select(i => (JsonNode?)ToObject(i)).ToArray()),
    };

    public static void Write(TextWriter output, JsonNode node, bool yaml)
    {
        if (yaml) output.Write(YamlWriter.Write(node));
        else output.WriteLine(node.ToJsonString(Indented));
    }
}
