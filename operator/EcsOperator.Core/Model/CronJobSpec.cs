using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace EcsOperator.Core.Model;

/// <summary>What a CronJob does when a run is due while an earlier one is still active.</summary>
public enum ConcurrencyPolicy
{
    /// <summary>Start the new Job alongside the running ones.</summary>
    Allow,
    /// <summary>Skip the new run.</summary>
    Forbid,
    /// <summary>Stop the running Job and start the new one.</summary>
    Replace,
}

/// <summary><c>spec</c> of a CronJob: Jobs created on a schedule.</summary>
public sealed record CronJobSpec
{
    [Description("Five-field cron expression (minute hour day-of-month month day-of-week), e.g. '0 3 * * *'.")]
    public required string Schedule { get; init; }

    [Description("IANA time zone the schedule is read in, e.g. 'Asia/Tokyo'.")]
    [DefaultValue("UTC")]
    public string TimeZone { get; init; } = "UTC";

    [Description("What to do when a run is due while an earlier one is active: Allow, Forbid or Replace.")]
    [DefaultValue(ConcurrencyPolicy.Allow)]
    public ConcurrencyPolicy ConcurrencyPolicy { get; init; } = ConcurrencyPolicy.Allow;

    [Description("Seconds after the scheduled time a missed run may still start; older missed runs are skipped.")]
    [Range(0, 86400)]
    public int? StartingDeadlineSeconds { get; init; }

    [Description("How many succeeded Jobs to keep.")]
    [Range(0, 1000)]
    [DefaultValue(3)]
    public int SuccessfulJobsHistoryLimit { get; init; } = 3;

    [Description("How many failed Jobs to keep.")]
    [Range(0, 1000)]
    [DefaultValue(1)]
    public int FailedJobsHistoryLimit { get; init; } = 1;

    [Description("When true, no new runs are started; running Jobs are left alone.")]
    [DefaultValue(false)]
    public bool Suspend { get; init; }

    [Description("Template of the Jobs this CronJob creates.")]
    public required JobTemplateSpec JobTemplate { get; init; }
}

/// <summary>Template of a Job created by a CronJob.</summary>
public sealed record JobTemplateSpec
{
    [Description("The spec of each created Job.")]
    public required JobSpec Spec { get; init; }
}
