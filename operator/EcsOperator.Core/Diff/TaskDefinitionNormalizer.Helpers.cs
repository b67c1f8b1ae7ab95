using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsOperator.Core.Diff;

public static partial class TaskDefinitionNormalizer
{
    /// <summary>Converts a numeric string ("512") at <paramref name="name"/> to a number.</summary>
    private static void ToInt(JsonObject o, string name)
    {
        if (o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && long.TryParse(v.GetValue<string>().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            o[name] = n;
    }

    /// <summary>Sorts an array of objects by the given members (strings ordinal, numbers by value); stable.</summary>
    private static void SortBy(JsonObject o, string name, params string[] keys)
    {
        if (o[name] is not JsonArray arr || arr.Count < 2) return;
        // The array belongs to the normaliser's own copy: detach its nodes and re-seat them sorted, no second clone.
        var items = arr.ToList();
        arr.Clear();
        var sorted = items.OrderBy(n => n, Comparer<JsonNode?>.Create((a, b) =>
        {
            foreach (var k in keys)
            {
                var c = CompareScalar((a as JsonObject)?[k], (b as JsonObject)?[k]);
                if (c != 0) return c;
            }
            return string.CompareOrdinal(a?.ToJsonString(), b?.ToJsonString());
        })).ToList();
        o[name] = new JsonArray([.. sorted]);
    }

    private static void SortScalars(JsonObject o, string name)
    {
        if (o[name] is not JsonArray arr || arr.Count < 2) return;
        var items = arr.ToList();
        arr.Clear();
        var sorted = items.OrderBy(n => n, Comparer<JsonNode?>.Create(CompareScalar)).ToList();
        o[name] = new JsonArray([.. sorted]);
    }

    private static int CompareScalar(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        if (a is JsonValue va && b is JsonValue vb && va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number)
            return Number(va).CompareTo(Number(vb));
        return string.CompareOrdinal(AsText(a), AsText(b));
    }

    private static string AsText(JsonNode n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n.ToJsonString();

    /// <summary>Rebuilds the tree with ordered keys, canonical numbers, and nulls / empty lists / empty objects dropped.</summary>
    private static JsonNode? Canonical(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var c = Canonical(v);
                    if (c is null || c is JsonArray { Count: 0 } || c is JsonObject { Count: 0 }) continue;
                    result[k] = c;
                }
                return result;
            case JsonArray a:
                return new JsonArray([.. a.Select(Canonical)]);
            case JsonValue v:
                return v.GetValueKind() switch
                {
                    JsonValueKind.Number => CanonicalNumber(v),
                    JsonValueKind.String => JsonValue.Create(v.GetValue<string>()),
                    JsonValueKind.True => JsonValue.Create(true),
                    JsonValueKind.False => JsonValue.Create(false),
                    _ => null,
                };
            default:
                return node.DeepClone();
        }
    }

    private static JsonValue CanonicalNumber(JsonValue v)
    {
        var text = v.ToJsonString();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        var d = Number(v);
        return d == Math.Floor(d) && Math.Abs(d) < 9e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
    }

    /// <summary>A JSON number's value whatever CLR type backs the node.</summary>
    internal static double Number(JsonValue v) => double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
