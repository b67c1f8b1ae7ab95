using System.ComponentModel;
using System.Text.Json.Serialization;

namespace EcsOperator.Core.Model;

/// <summary><c>status</c> of an App (written by the operator only). Fields about the service are absent until the
/// operator has seen it.</summary>
public sealed record AppStatus
{
    [Description("The metadata generation this status describes.")]
    public long ObservedGeneration { get; init; }

    [Description("Available, Progressing and Degraded conditions.")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    [Description("The ECS cluster of the App's service.")]
    public string? Cluster { get; init; }

    [Description("The name of the App's ECS service.")]
    public string? ServiceName { get; init; }

    [Description("ARN of the task definition revision the service runs (or is rolling out).")]
    public string? ActiveTaskDefinition { get; init; }

    [Description("Desired count of the ECS service.")]
    public int? DesiredCount { get; init; }

    [Description("Running tasks of the ECS service.")]
    public int? RunningCount { get; init; }

    [Description("Pending tasks of the ECS service.")]
    public int? PendingCount { get; init; }

    [Description("The newest events ECS reported for the service, newest first.")]
    public IReadOnlyList<AppServiceEvent>? ServiceEvents { get; init; }

    [Description("The rollout of the App's current target revision.")]
    public AppRollout? Rollout { get; init; }

    [Description("The ScalePolicy that owns the service's desired count, when one targets this App.")]
    public string? ScaledBy { get; init; }

    [Description("Service fields ECS sets only at creation that the spec changes (the service must be recreated to apply them).")]
    public IReadOnlyList<string>? CreateOnlyFieldsChanged { get; init; }

    [Description("The value of the restartedAt annotation last handled (one new deployment per value).")]
    public string? RestartedAt { get; init; }

    [Description("True while the paused annotation holds rollouts back.")]
    public bool? Paused { get; init; }

    [Description("Task definition revisions this App has used, newest first.")]
    public IReadOnlyList<AppRevision>? Revisions { get; init; }
}

/// <summary>How the rollout of an App's target revision stands.</summary>
public enum AppRolloutPhase
{
    /// <summary>The service is moving to the target revision.</summary>
    InProgress,
    /// <summary>The target revision runs everywhere.</summary>
    Complete,
    /// <summary>ECS reports the deployment of the target failed.</summary>
    Failed,
    /// <summary>ECS's circuit breaker went back to the previous revision; the App holds it until the manifest changes.</summary>
    RolledBack,
    /// <summary>The rollout did not finish within progressDeadlineSeconds.</summary>
    DeadlineExceeded,
}

/// <summary>The rollout of one target revision.</summary>
public sealed record AppRollout
{
    [Description("ARN of the task definition revision being rolled out.")]
    public string? TargetTaskDefinition { get; init; }

    [Description("The metadata generation the rollout is for.")]
    public long Generation { get; init; }

    [Description("When the rollout started.")]
    public DateTimeOffset? StartedAt { get; init; }

    [Description("InProgress, Complete, Failed, RolledBack or DeadlineExceeded.")]
    public AppRolloutPhase? State { get; init; }
}

/// <summary>An ECS service event, as much of it as status shows.</summary>
public sealed record AppServiceEvent
{
    [Description("When ECS reported the event.")]
    [JsonConverter(typeof(EcsTimeConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    [Description("What ECS reported.")]
    public string? Message { get; init; }
}

/// <summary>One task definition revision an App has used: a reference, the definition itself stays in ECS.</summary>
public sealed record AppRevision
{
    [Description("ARN of the task definition revision.")]
    public required string TaskDefinitionArn { get; init; }

    [Description("The revision number within the family.")]
    public int Revision { get; init; }

    [Description("Hash of the normalised task definition that produced this revision.")]
    public string? SpecHash { get; init; }

    [Description("The metadata generation that produced this revision.")]
    public long Generation { get; init; }

    [Description("When the revision was first used.")]
    public DateTimeOffset? CreatedAt { get; init; }

    [Description("The simulator annotations the App carried for this revision (ecsctl rollout undo writes them back).")]
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}
