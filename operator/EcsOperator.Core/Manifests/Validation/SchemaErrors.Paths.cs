using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsOperator.Core.Manifests.Validation;

internal sealed partial class SchemaErrors
{
    /// <summary>
    /// Follows an evaluation path through the generated schema, consuming the instance location's segments as
    /// <c>properties</c>, <c>additionalProperties</c> and <c>items</c> step into the document, and builds our dotted
    /// path on the way (<c>spec.hooks.preDeploy[0].environment["PORT"]</c>). JsonSchema.Net writes an <c>items</c> step
    /// as <c>items/items</c>; the pair counts once. Null when the path leaves the schema (nothing to report there).
    /// </summary>
    private Target? Follow(IReadOnlyList<string> evaluation, IReadOnlyList<string> instance)
    {
        JsonNode? schema = compiled.Text;
        JsonObject? parentSchema = null;
        JsonNode? parent = null;
        JsonNode? current = root;
        string path = "", key = "";
        var step = Step.Root;
        bool inApi = false, intListScalar = false;
        var used = 0;
        for (var i = 0; i < evaluation.Count; i++)
        {
            var segment = evaluation[i];
            switch (segment)
            {
                case "$ref":
                    var reference = (string?)schema?["$ref"];
                    if (reference is null || !reference.StartsWith("#/$defs/", StringComparison.Ordinal)) return null;
                    var name = reference["#/$defs/".Length..];
                    inApi |= name.StartsWith("ecs.", StringComparison.Ordinal);
                    schema = compiled.Text["$defs"]?[name];
                    break;
                case "properties" when i + 1 < evaluation.Count && used < instance.Count:
                    key = evaluation[++i];
                    parentSchema = schema as JsonObject;
                    schema = schema?["properties"]?[key];
                    (parent, current) = (current, Child(current, instance[used++]));
                    path = ValidationContext.Join(path, key);
                    step = Step.Property;
                    break;
                case "additionalProperties" when used < instance.Count:
                    key = instance[used++];
                    parentSchema = schema as JsonObject;
                    schema = schema?["additionalProperties"];
                    (parent, current) = (current, Child(current, key));
                    var unknown = schema is JsonValue v && v.GetValueKind() == JsonValueKind.False;
                    path = unknown ? ValidationContext.Join(path, key) : $"{path}[{JsonSerializer.Serialize(key)}]";
                    step = unknown ? Step.UnknownMember : Step.MapValue;
                    break;
                case "items" when used < instance.Count:
                    if (i + 1 < evaluation.Count && evaluation[i + 1] == "items") i++;
                    var index = instance[used++];
                    parentSchema = schema as JsonObject;
                    schema = schema?["items"];
                    (parent, current) = (current, Child(current, index));
                    path = $"{path}[{index}]";
                    step = Step.Item;
                    break;
                case "allOf" or "anyOf" or "oneOf" when i + 1 < evaluation.Count && int.TryParse(evaluation[i + 1], out var branch):
                    i++;
                    // The integer branch of an "integer or list of integers" field: its type error names both.
                    if (segment == "oneOf") intListScalar = branch == 0 && schema?["oneOf"] is JsonArray { Count: 2 } alternatives && (string?)alternatives[1]?["type"] == "array";
                    schema = schema?[segment]?[branch];
                    break;
                default:
                    schema = schema is JsonObject o ? o[segment] : null;
                    break;
            }
        }
        return new Target(schema, path, step, parent, key, parentSchema, inApi, intListScalar);
    }

    private static JsonNode? Child(JsonNode? node, string segment) => node switch
    {
        JsonObject o => o[segment],
        JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
        _ => null,
    };

    /// <summary>The node at an instance location, and whether the location exists (a member set to null exists).</summary>
    private (JsonNode? Node, bool Exists) Navigate(IReadOnlyList<string> segments)
    {
        JsonNode? node = root;
        foreach (var segment in segments)
        {
            switch (node)
            {
                case JsonObject o when o.TryGetPropertyValue(segment, out var child):
                    node = child;
                    break;
                case JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count:
                    node = a[i];
                    break;
                default:
                    return (null, false);
            }
        }
        return (node, true);
    }

    /// <summary>The unescaped segments of a JSON pointer ("/spec/a~1b" → spec, a/b).</summary>
    private static List<string> Segments(string pointer)
    {
        if (pointer.StartsWith('#')) pointer = Uri.UnescapeDataString(pointer[1..]);
        return pointer.Length == 0
            ? []
            : pointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }
}
