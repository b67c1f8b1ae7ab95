using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests.Schema;

/// <summary>JSON Schema (draft 2020-12) of each kind, generated from the same shapes the validator uses.</summary>
public static class JsonSchemaGenerator
{
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>File name of a kind's schema in crds-schema/, e.g. <c>app.schema.json</c>.</summary>
    public static string FileName(ResourceKind kind) => $"{kind.ToString().ToLowerInvariant()}.schema.json";

    /// <summary>The schema document of <paramref name="kind"/>.</summary>
    public static JsonObject Generate(ResourceKind kind)
    {
        var shape = ResourceShapes.Document(kind);
        var schema = new JsonObject
        {
            ["$schema"] = Draft,
            ["$id"] = $"https://ecs.operator/schemas/v1/{FileName(kind)}",
            ["title"] = kind.ToString(),
            ["description"] = ResourceShapes.Describe(kind),
        };
        var defs = new JsonObject();
        foreach (var (k, v) in ToSchema(shape, defs)) schema[k] = v?.DeepClone();
        if (defs.Count > 0) schema["$defs"] = new JsonObject(defs.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => KeyValuePair.Create(d.Key, d.Value?.DeepClone())));
        var props = schema["properties"]!.AsObject();
        props["apiVersion"]!.AsObject().Remove("enum");
        props["apiVersion"]!["const"] = ResourceKinds.ApiVersion;
        props["kind"]!.AsObject().Remove("enum");
        props["kind"]!["const"] = kind.ToString();
        return schema;
    }

    /// <summary>The schema file text: indented JSON with a trailing newline.</summary>
    public static string GenerateText(ResourceKind kind) => Generate(kind).ToJsonString(Indented) + "\n";

    private static JsonObject ToSchema(FieldShape shape, JsonObject defs)
    {
        var s = new JsonObject();
        switch (shape.Kind)
        {
            case ShapeKind.String:
                s["type"] = "string";
                if (shape.Pattern is { } p) s["pattern"] = p;
                break;
            case ShapeKind.Enum:
                s["type"] = "string";
                s["enum"] = new JsonArray(shape.AllowedValues!.Select(v => (JsonNode?)v).ToArray());
                break;
            case ShapeKind.Integer or ShapeKind.Number:
                s["type"] = shape.Kind == ShapeKind.Integer ? "integer" : "number";
                if (shape.Minimum is { } min) s["minimum"] = Number(min);
                if (shape.Maximum is { } max) s["maximum"] = Number(max);
                break;
            case ShapeKind.Boolean:
                s["type"] = "boolean";
                break;
            case ShapeKind.DateTime:
                s["type"] = "string";
                s["format"] = "date-time";
                break;
            case ShapeKind.Object:
                s["type"] = "object";
                s["properties"] = new JsonObject(shape.Properties.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)Field(f, defs))));
                var required = shape.Properties.Where(f => f.Required).Select(f => (JsonNode?)f.Name).ToArray();
                if (required.Length > 0) s["required"] = new JsonArray(required);
                s["additionalProperties"] = false;
                AddFieldGroups(s, shape);
                break;
            case ShapeKind.Map:
                s["type"] = "object";
                s["additionalProperties"] = ToSchema(shape.Items!, defs);
                break;
            case ShapeKind.Array:
                s["type"] = "array";
                s["items"] = ToSchema(shape.Items!, defs);
                if (shape.MinItems is { } n) s["minItems"] = n;
                break;
            case ShapeKind.PassThroughObject or ShapeKind.PassThroughArray when shape.Api is { } api:
                foreach (var (k, v) in ApiSchema.For(api, defs)) s[k] = v?.DeepClone();
                break;
            case ShapeKind.PassThroughObject:
                s["type"] = "object";
                break;
            case ShapeKind.PassThroughArray:
                s["type"] = "array";
                break;
            case ShapeKind.IntOrIntList:
                s["oneOf"] = new JsonArray(ToSchema(shape.Items!, defs), new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = ToSchema(shape.Items!, defs),
                    ["minItems"] = 1,
                });
                break;
        }
        return s;
    }

    private static void AddFieldGroups(JsonObject s, FieldShape shape)
    {
        var all = new JsonArray();
        foreach (var group in shape.ExactlyOneOf)
            all.Add(new JsonObject { ["oneOf"] = new JsonArray(group.Select(n => (JsonNode?)new JsonObject { ["required"] = new JsonArray(n) }).ToArray()) });
        foreach (var group in shape.MutuallyExclusive)
            all.Add(new JsonObject { ["not"] = new JsonObject { ["required"] = new JsonArray(group.Select(n => (JsonNode?)n).ToArray()) } });
        if (all.Count > 0) s["allOf"] = all;
    }

    private static JsonObject Field(FieldInfo f, JsonObject defs)
    {
        var s = new JsonObject { ["description"] = f.Description };
        foreach (var (k, v) in ToSchema(f.Shape, defs)) s[k] = v?.DeepClone();
        if (f.Default is not null) s["default"] = f.Default.DeepClone();
        return s;
    }

    private static JsonNode Number(double d) => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
}
