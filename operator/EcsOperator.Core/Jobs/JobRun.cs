namespace EcsOperator.Core.Jobs;

/// <summary>One run of a Job: one task (re-launched placement tries of the same run share its startedBy).</summary>
/// <param name="Outcome">null while running; otherwise <see cref="RunOutcome"/>'s names.</param>
/// <param name="Containers">Every container of the task as last seen (only the Job's container decides the outcome).</param>
public sealed record JobRun(
    int Run,
    string StartedBy,
    string? TaskArn = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? StoppedAt = null,
    int? ExitCode = null,
    string? StopCode = null,
    string? StoppedReason = null,
    string? Outcome = null,
    string? LogGroup = null,
    string? LogStream = null,
    IReadOnlyList<JobContainer>? Containers = null);

/// <summary>How a stopped task ended, from the Job's point of view.</summary>
public enum RunOutcome
{
    /// <summary>The main container exited 0.</summary>
    Succeeded,
    /// <summary>The main container exited non-zero: counts against backoffLimit.</summary>
    NonZeroExit,
    /// <summary>The task never ran its container (image pull, failed to start): counts against backoffLimit.</summary>
    FailedToStart,
    /// <summary>The host went away (instance terminated, Spot reclaimed): re-run, not counted.</summary>
    HostLost,
    /// <summary>Someone stopped the task (StopTask, ecsctl Ctrl-C): the Job fails, no retry.</summary>
    Stopped,
    /// <summary>ECS no longer knows the task: counts against backoffLimit.</summary>
    Missing,
}
