namespace EcsOperator.Core.Model;

/// <summary>
/// A pass-through field holds a value of an ECS API shape: the input of <see cref="Action"/>, or, with
/// <see cref="Member"/>, one of its members (dot-separated, e.g. <c>networkConfiguration</c>). Validation and the JSON
/// Schema check it against the AWS API model; <see cref="AlsoAccept"/> names an action whose extra top-level members are
/// accepted too (a service's settings serve both CreateService and UpdateService).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EcsApiShapeAttribute(string action, string? member = null) : Attribute
{
    public string Action { get; } = action;
    public string? Member { get; } = member;
    public string? AlsoAccept { get; init; }
}
