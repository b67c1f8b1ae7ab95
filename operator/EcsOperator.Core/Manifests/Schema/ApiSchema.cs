using System.Text.Json.Nodes;
using EcsOperator.Core.Aws.ApiModel;

namespace EcsOperator.Core.Manifests.Schema;

/// <summary>
/// JSON Schema of a pass-through field from its ECS API shape, so an editor completes and checks ECS members. It
/// accepts what validation accepts: YAML scalars ECS converts (a number for a string member, a numeric string for an
/// integer), describe-only members at the top (dropped when applied), and no top-level required members (the operator
/// fills family and serviceName). Nested shapes go to <c>$defs</c> as <c>ecs.&lt;ShapeName&gt;</c>.
/// </summary>
internal static class ApiSchema
{
    public static JsonObject For(ApiRef api, JsonObject defs)
    {
        var model = AwsApiModel.Ecs;
        var shape = api.Member is null ? model.Input(api.Action)! : model.MemberShape(api.Action, api.Member)!;
        if (shape.Type != "structure" || api.Member is not null) return new JsonObject { ["$ref"] = Ref(model, shape, defs) };
        var also = api.AlsoAccept is { } other ? model.Input(other) : null;
        var props = new JsonObject();
        var members = shape.Members.Concat(also?.Members.Where(m => !shape.Members.ContainsKey(m.Key)) ?? []);
        foreach (var (name, target) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var s = new JsonObject { ["description"] = $"ECS {api.Action} member ({target})." };
            s["$ref"] = Ref(model, model.Shape(target), defs);
            props[name] = s;
        }
        foreach (var name in model.DescribedMembers(api.Action).Where(n => props[n] is null))
            props[name] = new JsonObject { ["description"] = "Returned by ECS on describe, not part of the request: dropped with a note when applied." };
        return new JsonObject { ["type"] = "object", ["properties"] = props, ["additionalProperties"] = false };
    }

    private static string Ref(AwsApiModel model, ApiShape shape, JsonObject defs)
    {
        var key = $"ecs.{shape.Name}";
        if (defs[key] is null)
        {
            defs[key] = new JsonObject(); // placeholder first: shapes may refer to themselves
            defs[key] = Shape(model, shape, defs);
        }
        return $"#/$defs/{key}";
    }

    private static JsonObject Shape(AwsApiModel model, ApiShape shape, JsonObject defs)
    {
        if (shape.IsDocument) return [];
        var s = new JsonObject();
        switch (shape.Type)
        {
            case "structure":
                s["type"] = "object";
                s["properties"] = new JsonObject(shape.Members.OrderBy(m => m.Key, StringComparer.Ordinal)
                    .Select(m => KeyValuePair.Create(m.Key, (JsonNode?)new JsonObject { ["$ref"] = Ref(model, model.Shape(m.Value), defs) })));
                if (shape.Required.Count > 0) s["required"] = new JsonArray(shape.Required.Order(StringComparer.Ordinal).Select(r => (JsonNode?)r).ToArray());
                s["additionalProperties"] = false;
                break;
            case "list":
                s["type"] = "array";
                s["items"] = new JsonObject { ["$ref"] = Ref(model, model.Shape(shape.Member!), defs) };
                if (shape.Min is { } minItems) s["minItems"] = (int)minItems;
                break;
            case "map":
                s["type"] = "object";
                s["additionalProperties"] = new JsonObject { ["$ref"] = Ref(model, model.Shape(shape.Value!), defs) };
                break;
            case "string" when shape.Enum is { } values:
                s["type"] = "string";
                s["enum"] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray());
                break;
            case "string":
                s["type"] = new JsonArray("string", "number", "boolean");
                if (shape.Min is { } minLength) s["minLength"] = (int)minLength;
                break;
            case "integer" or "long":
                s["type"] = new JsonArray("integer", "string");
                s["pattern"] = "^-?[0-9]+$";
                if (shape.Min is { } min) s["minimum"] = min;
                break;
            case "double" or "float":
                s["type"] = new JsonArray("number", "string");
                s["pattern"] = "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$";
                break;
            case "boolean":
                s["enum"] = new JsonArray(true, false, "true", "false");
                break;
            case "timestamp":
                s["type"] = new JsonArray("number", "string");
                break;
            default:
                s["type"] = "string";
                break;
        }
        return s;
    }
}
