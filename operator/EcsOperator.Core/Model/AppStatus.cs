using System.ComponentModel;

namespace EcsOperator.Core.Model;

/// <summary><c>status</c> of an App (written by the operator only).</summary>
public sealed record AppStatus
{
    [Description("The metadata generation this status describes.")]
    public long ObservedGeneration { get; init; }

    [Description("Available, Progressing and Degraded conditions.")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    [Description("ARN of the task definition revision the service runs (or is rolling out).")]
    public string? ActiveTaskDefinition { get; init; }

    [Description("Desired count of the ECS service.")]
    public int DesiredCount { get; init; }

    [Description("Running tasks of the ECS service.")]
    public int RunningCount { get; init; }

    [Description("Pending tasks of the ECS service.")]
    public int PendingCount { get; init; }

    [Description("Task definition revisions this App has used, newest first.")]
    public IReadOnlyList<AppRevision> Revisions { get; init; } = [];
}

/// <summary>One task definition revision an App has used.</summary>
public sealed record AppRevision
{
    [Description("ARN of the task definition revision.")]
    public required string TaskDefinitionArn { get; init; }

    [Description("Hash of the normalised task definition that produced this revision.")]
    public string? SpecHash { get; init; }

    [Description("The metadata generation that produced this revision.")]
    public long Generation { get; init; }

    [Description("When the revision was registered.")]
    public DateTimeOffset? CreatedAt { get; init; }
}
