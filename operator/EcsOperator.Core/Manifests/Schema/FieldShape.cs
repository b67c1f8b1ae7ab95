using System.Text.Json.Nodes;

namespace EcsOperator.Core.Manifests.Schema;

/// <summary>What kind of value a field holds.</summary>
internal enum ShapeKind
{
    String,
    Integer,
    Number,
    Boolean,
    /// <summary>A string from a fixed set (<see cref="FieldShape.AllowedValues"/>).</summary>
    Enum,
    /// <summary>A typed object with known fields; unknown fields are errors.</summary>
    Object,
    Array,
    /// <summary>An object of string keys to <see cref="FieldShape.Items"/> values (labels, environment).</summary>
    Map,
    /// <summary>An object in an AWS API's own shape, passed through untouched.</summary>
    PassThroughObject,
    /// <summary>An array in an AWS API's own shape, passed through untouched.</summary>
    PassThroughArray,
    /// <summary>An integer, or a list of integers.</summary>
    IntOrIntList,
    /// <summary>An RFC 3339 timestamp (status only).</summary>
    DateTime,
}

/// <summary>The shape of one value, derived from the C# model by reflection; drives validation, schemas and explain.</summary>
internal sealed record FieldShape(ShapeKind Kind, Type ClrType)
{
    /// <summary>Fields of an <see cref="ShapeKind.Object"/>, in declaration order.</summary>
    public IReadOnlyList<FieldInfo> Properties { get; init; } = [];

    /// <summary>Element shape of arrays, maps and integer lists.</summary>
    public FieldShape? Items { get; init; }

    public IReadOnlyList<string>? AllowedValues { get; init; }
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    public string? Pattern { get; init; }
    public string? PatternMessage { get; init; }
    public int? MinItems { get; init; }

    /// <summary>Groups of fields of an object of which exactly one must be set.</summary>
    public IReadOnlyList<IReadOnlyList<string>> ExactlyOneOf { get; init; } = [];

    /// <summary>Groups of fields of an object of which at most one may be set.</summary>
    public IReadOnlyList<IReadOnlyList<string>> MutuallyExclusive { get; init; } = [];

    /// <summary>For a pass-through field: the ECS API shape its value must fit.</summary>
    public ApiRef? Api { get; init; }

    public FieldInfo? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);

    /// <summary>Short type name for messages and explain, e.g. "integer", "[]string", "object (ECS API shape)".</summary>
    public string TypeName => Kind switch
    {
        ShapeKind.Array => $"[]{Items!.TypeName}",
        ShapeKind.Map => $"map[string]{Items!.TypeName}",
        ShapeKind.Enum => $"string ({string.Join(" | ", AllowedValues ?? [])})",
        ShapeKind.Object => "object",
        ShapeKind.PassThroughObject => "object (AWS API shape, passed through)",
        ShapeKind.PassThroughArray => "array (AWS API shape, passed through)",
        ShapeKind.IntOrIntList => "integer | []integer",
        ShapeKind.DateTime => "string (RFC 3339 time)",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>An ECS API shape: the input of <paramref name="Action"/> or its <paramref name="Member"/>; see <see cref="Model.EcsApiShapeAttribute"/>.</summary>
internal sealed record ApiRef(string Action, string? Member, string? AlsoAccept);

/// <summary>One named field of an object shape.</summary>
internal sealed record FieldInfo(string Name, string Description, bool Required, JsonNode? Default, FieldShape Shape);
