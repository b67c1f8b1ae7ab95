namespace EcsOperator.Core.Aws.ApiModel;

/// <summary>
/// One shape of an AWS API model (botocore's <c>service-2.json</c>, reduced): its type (structure, list, map, string,
/// integer, long, double, float, boolean, timestamp, blob), the members of a structure (name → shape name), the
/// element/key/value shapes of lists and maps, enum values and min/max.
/// </summary>
public sealed record ApiShape(string Name, string Type)
{
    public IReadOnlyDictionary<string, string> Members { get; init; } = new Dictionary<string, string>();
    public IReadOnlySet<string> Required { get; init; } = new HashSet<string>();
    public string? Member { get; init; }
    public string? Key { get; init; }
    public string? Value { get; init; }
    public IReadOnlyList<string>? Enum { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }

    /// <summary>A structure that holds any JSON document.</summary>
    public bool IsDocument { get; init; }

    public bool IsNumber => Type is "integer" or "long" or "double" or "float";
    public bool IsInteger => Type is "integer" or "long";
}
