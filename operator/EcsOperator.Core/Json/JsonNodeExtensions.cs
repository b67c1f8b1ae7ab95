using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsOperator.Core.Json;

/// <summary>Small readers for the pass-through JSON documents (ECS shapes, specs, status).</summary>
public static class JsonNodeExtensions
{
    public static string? Str(this JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static int? Int(this JsonObject? o, string name) => o?[name] is JsonValue v ? v.AsInt() : null;

    public static long? Long(this JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) ? l
        : o?[name] is JsonValue v2 && v2.TryGetValue<double>(out var d) ? (long)d : null;

    public static bool? Bool(this JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static JsonObject? Obj(this JsonObject? o, string name) => o?[name] as JsonObject;

    public static JsonArray? Arr(this JsonObject? o, string name) => o?[name] as JsonArray;

    /// <summary>The array's objects (non-object elements skipped); empty when absent.</summary>
    public static IEnumerable<JsonObject> Objects(this JsonArray? a) => a?.OfType<JsonObject>() ?? [];

    /// <summary>The array's strings; empty when absent.</summary>
    public static IEnumerable<string> Strings(this JsonArray? a) =>
        a?.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) ?? [];

    private static int? AsInt(this JsonValue v)
    {
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue) return (int)l;
        if (v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue) return (int)d;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var ei)) return ei;
        return null;
    }

    /// <summary>Builds a JsonArray of strings.</summary>
    public static JsonArray ToJsonArray(this IEnumerable<string> items) => new(items.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());

    /// <summary>Deep copy typed as object (null stays null).</summary>
    public static JsonObject? CloneObject(this JsonObject? o) => o?.DeepClone().AsObject();

    /// <summary>Structural equality of two JSON trees (numbers compared by value, object member order ignored).</summary>
    public static bool JsonEquals(this JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
