using System.ComponentModel;

namespace EcsOperator.Core.Model;

/// <summary><c>status</c> of a CronJob (written by the operator only).</summary>
public sealed record CronJobStatus
{
    [Description("The metadata generation this status describes.")]
    public long ObservedGeneration { get; init; }

    [Description("When a Job was last created for a scheduled time (the scheduled time itself).")]
    public DateTimeOffset? LastScheduleTime { get; init; }

    [Description("Names of the Jobs created by this CronJob that have not finished.")]
    public IReadOnlyList<string> Active { get; init; } = [];

    [Description("Conditions of the CronJob.")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
}

/// <summary><c>status</c> of a ScalePolicy (written by the operator only).</summary>
public sealed record ScalePolicyStatus
{
    [Description("The metadata generation this status describes.")]
    public long ObservedGeneration { get; init; }

    [Description("Desired count the policy last set on the App.")]
    public int? DesiredCount { get; init; }

    [Description("The ceiling currently in force (one of maxTaskCount).")]
    public int? CurrentMaxTaskCount { get; init; }

    [Description("When the policy last changed the desired count.")]
    public DateTimeOffset? LastScaleTime { get; init; }

    [Description("Why the policy last changed the desired count.")]
    public string? LastScaleReason { get; init; }

    [Description("Conditions of the ScalePolicy.")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
}

/// <summary><c>status</c> of a CapacityPool (written by the operator only).</summary>
public sealed record CapacityPoolStatus
{
    [Description("The metadata generation this status describes.")]
    public long ObservedGeneration { get; init; }

    [Description("Desired capacity the operator last set on the Auto Scaling group.")]
    public int? DesiredCapacity { get; init; }

    [Description("Instances the placed tasks need, before the buffer.")]
    public int? RequiredInstances { get; init; }

    [Description("Instances in service in the group.")]
    public int? InServiceInstances { get; init; }

    [Description("Container instances being drained before termination.")]
    public IReadOnlyList<string> DrainingInstances { get; init; } = [];

    [Description("Conditions of the CapacityPool.")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
}
