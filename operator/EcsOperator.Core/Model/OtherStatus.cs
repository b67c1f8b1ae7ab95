using System.ComponentModel;

namespace EcsOperator.Core.Model;

/// <summary><c>status</c> of a CronJob (written by the operator only).</summary>
public sealed record CronJobStatus
{
    [Description("The metadata generation this status describes.")]
    public long ObservedGeneration { get; init; }

    [Description("When a Job was last created for a scheduled time (the scheduled time itself).")]
    public DateTimeOffset? LastScheduleTime { get; init; }

    [Description("When the latest Job of this CronJob that succeeded completed (its scheduled time when unknown).")]
    public DateTimeOffset? LastSuccessfulTime { get; init; }

    [Description("Names of the Jobs created by this CronJob that have not finished.")]
    public IReadOnlyList<string> Active { get; init; } = [];

    [Description("Conditions of the CronJob.")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
}
