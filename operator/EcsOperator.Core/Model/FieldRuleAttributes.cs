namespace EcsOperator.Core.Model;

/// <summary>Exactly one of the named fields (JSON names) must be set. Drives validation and the JSON Schema.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ExactlyOneOfAttribute(params string[] fields) : Attribute
{
    public IReadOnlyList<string> Fields { get; } = fields;
}

/// <summary>At most one of the named fields (JSON names) may be set. Drives validation and the JSON Schema.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class MutuallyExclusiveAttribute(params string[] fields) : Attribute
{
    public IReadOnlyList<string> Fields { get; } = fields;
}
