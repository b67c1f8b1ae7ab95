using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsOperator.Core.Manifests.Schema;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>Checks a JSON tree against a <see cref="FieldShape"/>: types, unknown and missing fields, ranges, allowed values.</summary>
internal static class ShapeValidator
{
    public static void Validate(JsonNode? node, FieldShape shape, string path, ValidationContext ctx)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Object:
                if (Expect<JsonObject>(node, "a mapping", path, ctx) is { } obj) ValidateObject(obj, shape, path, ctx);
                break;
            case ShapeKind.PassThroughObject:
                if (Expect<JsonObject>(node, "a mapping", path, ctx) is { } passed && shape.Api is { } api) ApiShapeValidator.Validate(passed, api, path, ctx);
                break;
            case ShapeKind.PassThroughArray:
                if (Expect<JsonArray>(node, "a list", path, ctx) is { } passedList && shape.Api is { } listApi) ApiShapeValidator.Validate(passedList, listApi, path, ctx);
                break;
            case ShapeKind.Map:
                if (Expect<JsonObject>(node, "a mapping", path, ctx) is { } map)
                {
                    foreach (var (k, v) in map) Validate(v, shape.Items!, $"{path}[{Quote(k)}]", ctx);
                }
                break;
            case ShapeKind.Array:
                if (Expect<JsonArray>(node, "a list", path, ctx) is { } arr) ValidateArray(arr, shape, path, ctx);
                break;
            case ShapeKind.IntOrIntList:
                if (node is JsonArray list) ValidateArray(list, shape with { MinItems = 1 }, path, ctx);
                else ValidateScalar(node, shape.Items!, path, ctx, "an integer or a list of integers");
                break;
            default:
                ValidateScalar(node, shape, path, ctx, null);
                break;
        }
    }

    private static void ValidateObject(JsonObject obj, FieldShape shape, string path, ValidationContext ctx)
    {
        foreach (var (key, value) in obj)
        {
            var field = shape.Property(key);
            var fieldPath = ValidationContext.Join(path, key);
            if (field is null)
            {
                var hint = DidYouMean.Hint(key, shape.Properties.Select(p => p.Name));
                ctx.AtKey(obj, key, fieldPath, $"unknown field '{key}'{hint}");
                continue;
            }
            if (value is null) continue;
            Validate(value, field.Shape, fieldPath, ctx);
        }
        foreach (var field in shape.Properties.Where(f => f.Required))
        {
            var fieldPath = ValidationContext.Join(path, field.Name);
            if (!obj.TryGetPropertyValue(field.Name, out var v)) ctx.AtNode(obj, fieldPath, "required field is missing");
            else if (v is null) ctx.AtMember(obj, field.Name, fieldPath, "required field is empty");
            else if (field.Shape.Kind == ShapeKind.String && v is JsonValue sv && sv.TryGetValue<string>(out var s) && s.Length == 0)
                ctx.AtMember(obj, field.Name, fieldPath, "must not be empty");
        }
        CheckFieldGroups(obj, shape, path, ctx);
    }

    private static void CheckFieldGroups(JsonObject obj, FieldShape shape, string path, ValidationContext ctx)
    {
        foreach (var group in shape.ExactlyOneOf.Concat(shape.MutuallyExclusive))
        {
            var set = group.Where(name => obj[name] is not null).ToList();
            if (set.Count > 1)
                ctx.AtKey(obj, set[1], ValidationContext.Join(path, set[1]), $"{Names(set, "and")} are exclusive; set one of them");
            else if (set.Count == 0 && shape.ExactlyOneOf.Contains(group))
                ctx.AtNode(obj, path, $"one of {Names(group, "or")} is required");
        }
    }

    private static string Names(IReadOnlyList<string> names, string conjunction) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} {conjunction} {names[^1]}";

    private static void ValidateArray(JsonArray arr, FieldShape shape, string path, ValidationContext ctx)
    {
        if (shape.MinItems is { } min && arr.Count < min) ctx.AtNode(arr, path, $"needs at least {min} item{(min == 1 ? "" : "s")}");
        for (var i = 0; i < arr.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (arr[i] is null) ctx.Add(ctx.Map.Node(arr) ?? ctx.DocumentStart, itemPath, "list items must not be null");
            else Validate(arr[i], shape.Items!, itemPath, ctx);
        }
    }

    private static T? Expect<T>(JsonNode? node, string what, string path, ValidationContext ctx) where T : JsonNode
    {
        if (node is T t) return t;
        ctx.AtNode(node, path, $"expected {what}, got {Describe(node)}");
        return null;
    }

    private static void ValidateScalar(JsonNode? node, FieldShape shape, string path, ValidationContext ctx, string? expected)
    {
        var kind = node is JsonValue v ? v.GetValueKind() : JsonValueKind.Undefined;
        switch (shape.Kind)
        {
            case ShapeKind.String or ShapeKind.Enum or ShapeKind.DateTime when kind == JsonValueKind.String:
                CheckString(node!.GetValue<string>(), node, shape, path, ctx);
                return;
            case ShapeKind.String or ShapeKind.Enum or ShapeKind.DateTime when kind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                ctx.AtNode(node, path, $"expected a string, got {Describe(node)} (quote it: \"{ctx.Map.Raw(node) ?? node!.ToJsonString()}\")");
                return;
            case ShapeKind.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                return;
            case ShapeKind.Integer when kind == JsonValueKind.Number && IsInteger((JsonValue)node!, out var l):
                CheckRange(l, node!, shape, path, ctx);
                return;
            case ShapeKind.Number when kind == JsonValueKind.Number:
                CheckRange(node!.GetValue<double>(), node, shape, path, ctx);
                return;
        }
        var want = expected ?? shape.Kind switch
        {
            ShapeKind.Integer => "an integer",
            ShapeKind.Number => "a number",
            ShapeKind.Boolean => "a boolean (true or false)",
            ShapeKind.Enum => $"one of {string.Join(", ", shape.AllowedValues ?? [])}",
            _ => "a string",
        };
        ctx.AtNode(node, path, $"expected {want}, got {Describe(node)}");
    }

    private static void CheckString(string s, JsonNode node, FieldShape shape, string path, ValidationContext ctx)
    {
        if (shape.AllowedValues is { } allowed && !allowed.Contains(s, StringComparer.Ordinal))
        {
            ctx.AtNode(node, path, $"'{s}' is not one of {string.Join(", ", allowed)}{DidYouMean.Hint(s, allowed)}");
        }
        else if (shape.Kind == ShapeKind.DateTime && !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            ctx.AtNode(node, path, $"'{s}' is not an RFC 3339 time");
        }
        else if (shape.Pattern is { } p && !Regex.IsMatch(s, p, RegexOptions.CultureInvariant))
        {
            ctx.AtNode(node, path, $"'{s}' {shape.PatternMessage ?? $"does not match {p}"}");
        }
    }

    private static void CheckRange(double value, JsonNode node, FieldShape shape, string path, ValidationContext ctx)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (shape.Minimum is { } min && value < min) ctx.AtNode(node, path, $"must be at least {min.ToString(CultureInfo.InvariantCulture)}, got {text}");
        else if (shape.Maximum is { } max && value > max) ctx.AtNode(node, path, $"must be at most {max.ToString(CultureInfo.InvariantCulture)}, got {text}");
    }

    internal static bool IsInteger(JsonValue v, out long value)
    {
        value = 0;
        if (v.TryGetValue(out long l)) { value = l; return true; }
        if (v.TryGetValue(out int i)) { value = i; return true; }
        if (v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out l)) { value = l; return true; }
        return false;
    }

    /// <summary>"a string \"x\"", "an integer 5", "a mapping", "null" ...</summary>
    internal static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"a string {Truncate(v.ToJsonString())}",
            JsonValueKind.Number => IsInteger(v, out _) ? $"an integer {v.ToJsonString()}" : $"a number {v.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"a boolean {v.ToJsonString()}",
            _ => "a value",
        },
        _ => "a value",
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..37] + "...\"";

    private static string Quote(string key) => JsonSerializer.Serialize(key);
}
