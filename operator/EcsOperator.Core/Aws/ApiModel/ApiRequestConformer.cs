using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsOperator.Core.Aws.ApiModel;

/// <summary>
/// Puts a request rendered from a manifest into the wire types of its action's input shape: a number or boolean
/// written where the model says string becomes a string (<c>cpu: 256</c> → <c>"256"</c>), a numeric string where
/// it says integer or double becomes a number, <c>"true"</c>/<c>"false"</c> a boolean, and null members are removed.
/// What validation accepted from YAML is sent in the types the API defines; nothing else changes.
/// </summary>
public static class ApiRequestConformer
{
    /// <summary>Converts <paramref name="request"/> in place and returns it.</summary>
    public static JsonObject Conform(AwsApiModel model, string action, JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        if (model.Input(action) is { } input) Structure(model, request, input);
        return request;
    }

    private static JsonNode? Value(AwsApiModel model, JsonNode node, ApiShape shape)
    {
        if (shape.IsDocument) return node;
        switch (node)
        {
            case JsonObject obj when shape.Type == "structure":
                Structure(model, obj, shape);
                return obj;
            case JsonObject map when shape.Type == "map":
                var valueShape = model.Shape(shape.Value!);
                foreach (var key in map.Where(p => p.Value is null).Select(p => p.Key).ToList()) map.Remove(key);
                foreach (var (k, v) in map.ToList()) Replace(v!, Value(model, v!, valueShape));
                return map;
            case JsonArray arr when shape.Type == "list":
                var item = model.Shape(shape.Member!);
                foreach (var v in arr.ToList()) if (v is not null) Replace(v, Value(model, v, item));
                return arr;
            case JsonValue v:
                return Scalar(v, shape);
            default:
                return node;
        }
    }

    private static void Structure(AwsApiModel model, JsonObject obj, ApiShape shape)
    {
        foreach (var key in obj.Where(p => p.Value is null && shape.Members.ContainsKey(p.Key)).Select(p => p.Key).ToList()) obj.Remove(key);
        foreach (var (name, value) in obj.ToList())
        {
            if (value is null || !shape.Members.TryGetValue(name, out var target)) continue;
            var converted = Value(model, value, model.Shape(target));
            if (!ReferenceEquals(converted, value)) obj[name] = converted;
        }
    }

    /// <summary>Replaces <paramref name="old"/> in its parent (array or object) with <paramref name="replacement"/>.</summary>
    private static void Replace(JsonNode old, JsonNode? replacement)
    {
        if (ReferenceEquals(old, replacement)) return;
        switch (old.Parent)
        {
            case JsonArray a:
                a[a.IndexOf(old)] = replacement;
                break;
            case JsonObject o:
                o[old.GetPropertyName()] = replacement;
                break;
        }
    }

    private static JsonNode Scalar(JsonValue v, ApiShape shape)
    {
        var kind = v.GetValueKind();
        var text = kind == JsonValueKind.String ? v.GetValue<string>() : null;
        switch (shape.Type)
        {
            case "string" when kind == JsonValueKind.Number:
                return JsonValue.Create(v.ToJsonString());
            case "string" when kind is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(kind == JsonValueKind.True ? "true" : "false");
            case "integer" or "long" when text is not null && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                return l is >= int.MinValue and <= int.MaxValue ? JsonValue.Create((int)l) : JsonValue.Create(l);
            case "double" or "float" when text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                return JsonValue.Create(d);
            case "boolean" when text is "true" or "false":
                return JsonValue.Create(text == "true");
            default:
                return v;
        }
    }
}
