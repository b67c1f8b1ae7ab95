using System.ComponentModel;

namespace EcsOperator.Core.Model;

/// <summary>Lifecycle phase of a Job.</summary>
public enum JobPhase
{
    /// <summary>Accepted, no task started yet.</summary>
    Pending,
    /// <summary>A task of the current attempt is running.</summary>
    Running,
    /// <summary>A task exited 0.</summary>
    Succeeded,
    /// <summary>Retries exhausted, timed out, or the task could not be placed.</summary>
    Failed,
}

/// <summary><c>status</c> of a Job (written by the operator only).</summary>
public sealed record JobStatus
{
    [Description("The metadata generation this status describes.")]
    public long ObservedGeneration { get; init; }

    [Description("Pending, Running, Succeeded or Failed.")]
    public JobPhase Phase { get; init; } = JobPhase.Pending;

    [Description("Tasks started so far (launch retries and backoff retries included).")]
    public int Attempts { get; init; }

    [Description("ARNs of the tasks started for this Job, oldest first.")]
    public IReadOnlyList<string> TaskArns { get; init; } = [];

    [Description("Exit code of the essential container of the last task.")]
    public int? ExitCode { get; init; }

    [Description("ECS stop code of the last task, e.g. EssentialContainerExited, TaskFailedToStart.")]
    public string? StopCode { get; init; }

    [Description("ECS stopped reason of the last task.")]
    public string? StoppedReason { get; init; }

    [Description("When the first task started.")]
    public DateTimeOffset? StartTime { get; init; }

    [Description("When the Job reached Succeeded or Failed.")]
    public DateTimeOffset? CompletionTime { get; init; }

    [Description("Conditions of the Job.")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
}
