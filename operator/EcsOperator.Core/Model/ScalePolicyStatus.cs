using System.ComponentModel;

namespace EcsOperator.Core.Model;

/// <summary><c>status</c> of a ScalePolicy (written by the operator only).</summary>
public sealed record ScalePolicyStatus
{
    [Description("The metadata generation this status describes.")]
    public long ObservedGeneration { get; init; }

    [Description("The service's desired count the policy saw this pass.")]
    public int? CurrentCount { get; init; }

    [Description("Desired count the policy set (or keeps) on the App's service: wantedCount, held back while the capacity pool cannot place more tasks.")]
    public int? DesiredCount { get; init; }

    [Description("The count the decision asked for (fired triggers within the minimum and ceiling in force), before the capacity pool's gate.")]
    public int? WantedCount { get; init; }

    [Description("The minimum in force: minTaskCount or the scheduled window that raised it.")]
    public MinimumStatus? Minimum { get; init; }

    [Description("The ceiling currently in force (one of maxTaskCount).")]
    public int? CurrentMaxTaskCount { get; init; }

    [Description("The ceiling in force: its stage in maxTaskCount, why, and when the next stage unlocks.")]
    public CeilingStatus? Ceiling { get; init; }

    [Description("Since when the count has been held at a ceiling (drives the wait before the next stage unlocks).")]
    public CeilingTimerStatus? CeilingTimer { get; init; }

    [Description("Triggers whose condition held on the last pass, including those that were overruled.")]
    public IReadOnlyList<FiredTriggerStatus> FiredTriggers { get; init; } = [];

    [Description("Alarm names the triggers reference that CloudWatch does not know; their triggers are held.")]
    public IReadOnlyList<string>? MissingAlarms { get; init; }

    [Description("A desired count someone else set on the service, noticed on the last pass.")]
    public ExternalChangeStatus? ExternalChange { get; init; }

    [Description("When the policy last changed the desired count.")]
    public DateTimeOffset? LastScaleTime { get; init; }

    [Description("Why the policy last changed the desired count.")]
    public string? LastScaleReason { get; init; }

    [Description("Conditions of the ScalePolicy.")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
}

public sealed record MinimumStatus
{
    [Description("The minimum task count in force.")]
    public int Count { get; init; }

    [Description("minTaskCount, or the label of the scheduled window in force.")]
    public required string Source { get; init; }
}

public sealed record CeilingStatus
{
    [Description("The ceiling in force.")]
    public int Count { get; init; }

    [Description("0-based index into maxTaskCount of the ceiling in force.")]
    public int Stage { get; init; }

    [Description("Why this stage is in force.")]
    public required string Reason { get; init; }

    [Description("When the next stage becomes reachable, while the count waits at this ceiling.")]
    public DateTimeOffset? UnlocksAt { get; init; }
}

public sealed record CeilingTimerStatus
{
    [Description("The ceiling the count reached.")]
    public int Ceiling { get; init; }

    [Description("When the count reached it.")]
    public DateTimeOffset ReachedAt { get; init; }
}

public sealed record FiredTriggerStatus
{
    [Description("The trigger kind (alarm, queue).")]
    public required string Kind { get; init; }

    [Description("The alarm name or queue URL.")]
    public required string Source { get; init; }

    [Description("What it asked for: +2, -1, 7 tasks.")]
    public required string Effect { get; init; }

    [Description("False when it fired but was overruled (a downscale while an upscale fired).")]
    public bool Counted { get; init; }

    [Description("Why it was overruled, when it was.")]
    public string? Note { get; init; }
}

public sealed record ExternalChangeStatus
{
    [Description("The desired count the policy had set.")]
    public int From { get; init; }

    [Description("The desired count found on the service.")]
    public int To { get; init; }

    [Description("When the change was noticed.")]
    public DateTimeOffset DetectedAt { get; init; }
}
