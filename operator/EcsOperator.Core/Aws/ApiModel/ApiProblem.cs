using System.Globalization;
using System.Text.Json.Nodes;

namespace EcsOperator.Core.Aws.ApiModel;

public enum ApiProblemKind
{
    /// <summary>A member the shape does not define.</summary>
    UnknownMember,
    /// <summary>A member the input shape does not define but the matching Describe output does (taskDefinitionArn, ...).</summary>
    DescribeOnly,
    WrongType,
    MissingRequired,
    NotInEnum,
    OutOfRange,
    /// <summary>An explicit null (lenient mode only: a console export's <c>"x": null</c> means "not set").</summary>
    Null,
}

/// <summary>
/// One way a request (or a manifest's pass-through object) does not fit its API shape. <see cref="Owner"/> and
/// <see cref="Member"/> name the member concerned where there is one; <see cref="Node"/> is the offending value.
/// </summary>
public sealed record ApiProblem(ApiProblemKind Kind, string Path, ApiShape Shape, JsonNode? Node, JsonObject? Owner, string? Member)
{
    /// <summary>What botocore's parameter validation would say, e.g. <c>Unknown parameter in input: "x", must be one of: a, b</c>.</summary>
    public string Message => Kind switch
    {
        ApiProblemKind.UnknownMember or ApiProblemKind.DescribeOnly =>
            $"Unknown parameter in {Parent}: \"{Member}\", must be one of: {string.Join(", ", Shape.Members.Keys.Order(StringComparer.Ordinal))}",
        ApiProblemKind.MissingRequired => $"Missing required parameter in {Parent}: \"{Member}\"",
        ApiProblemKind.WrongType => $"Invalid type for parameter {Path}, value: {Show(Node)}, type: {JsonType(Node)}, valid types: {ValidTypes(Shape)}",
        ApiProblemKind.NotInEnum => $"Invalid value for parameter {Path}, value: {Show(Node)}, valid values: {string.Join(", ", Shape.Enum ?? [])}",
        ApiProblemKind.OutOfRange => RangeMessage(),
        _ => $"Invalid value for parameter {Path}: null",
    };

    private string Parent
    {
        get
        {
            var tail = Member is null ? Path : Path[..Math.Max(0, Path.Length - Member.Length - 1)];
            return tail.Length == 0 ? "input" : tail;
        }
    }

    private string RangeMessage()
    {
        var min = Shape.Min?.ToString(CultureInfo.InvariantCulture);
        return Shape.Type is "string" or "list" or "map"
            ? $"Invalid length for parameter {Path}, value: {Length(Node)}, valid min length: {min}"
            : $"Invalid value for parameter {Path}, value: {Show(Node)}, valid min value: {min}";
    }

    private static int Length(JsonNode? node) => node switch
    {
        JsonArray a => a.Count,
        JsonObject o => o.Count,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length,
        _ => 0,
    };

    private static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString();

    private static string JsonType(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "list",
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            _ => "value",
        },
        _ => "value",
    };

    internal static string ValidTypes(ApiShape shape) => shape.Type switch
    {
        "structure" or "map" => "object",
        "list" => "list",
        "integer" or "long" => "integer",
        "double" or "float" => "number",
        "timestamp" => "timestamp (number or string)",
        "blob" => "string (base64)",
        var t => t,
    };
}
