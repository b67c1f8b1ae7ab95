using System.ComponentModel;

namespace EcsOperator.Core.Model;

/// <summary>One observation about a resource, Kubernetes style.</summary>
public sealed record Condition(
    [property: Description("Kind of condition, e.g. Available, Progressing, Degraded.")] string Type,
    [property: Description("True, False or Unknown.")] string Status,
    [property: Description("One CamelCase word saying why.")] string Reason,
    [property: Description("Human-readable detail.")] string Message,
    [property: Description("When Status last changed.")] DateTimeOffset LastTransitionTime);

/// <summary>Values of <see cref="Condition.Status"/>.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}

/// <summary>The condition types the operator writes.</summary>
public static class ConditionTypes
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";
    public const string Ready = "Ready";
    public const string Invalid = "Invalid";
    public const string ScaleInBlocked = "ScaleInBlocked";
}
