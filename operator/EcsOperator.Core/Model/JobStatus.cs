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

    [Description("Exit code of the Job's container in the last task.")]
    public int? ExitCode { get; init; }

    [Description("ECS stop code of the last task, e.g. EssentialContainerExited, TaskFailedToStart.")]
    public string? StopCode { get; init; }

    [Description("ECS stopped reason of the last task.")]
    public string? StoppedReason { get; init; }

    [Description("When the first task started.")]
    public DateTimeOffset? StartTime { get; init; }

    [Description("When the Job reached Succeeded or Failed.")]
    public DateTimeOffset? CompletionTime { get; init; }

    [Description("Identity of this incarnation of the Job (the tokens of its tasks derive from it).")]
    public string? Uid { get; init; }

    [Description("The current run (1-based): a new run starts after a failure that counts against backoffLimit or a lost host.")]
    public int Run { get; init; }

    [Description("RunTask tries of the current run (a task that could not be placed is tried again).")]
    public int LaunchTry { get; init; }

    [Description("Earliest time for the next RunTask (placement or failure backoff).")]
    public DateTimeOffset? NextLaunchAt { get; init; }

    [Description("Runs that failed and count against backoffLimit.")]
    public int Failures { get; init; }

    [Description("Runs started again because their host went away (not counted against backoffLimit).")]
    public int HostRetries { get; init; }

    [Description("RunTask calls that ECS could not place, over the Job's life.")]
    public int PlacementRetries { get; init; }

    [Description("Cluster the Job's tasks run in.")]
    public string? Cluster { get; init; }

    [Description("Task definition the Job's tasks run.")]
    public string? TaskDefinitionArn { get; init; }

    [Description("The container whose exit code decides the Job.")]
    public string? Container { get; init; }

    [Description("Machine-readable reason for the final phase.")]
    public string? Reason { get; init; }

    [Description("Why the Job reached its final phase.")]
    public string? Message { get; init; }

    [Description("Every run of the Job, oldest first.")]
    public IReadOnlyList<JobRunStatus> Runs { get; init; } = [];

    [Description("Conditions of the Job.")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
}

/// <summary>One run of a Job in its status: one task (placement tries of the same run share its startedBy).</summary>
public sealed record JobRunStatus
{
    [Description("The run number (1-based).")]
    public int Run { get; init; }

    [Description("The startedBy token of the run's tasks.")]
    public required string StartedBy { get; init; }

    [Description("ARN of the run's task, once started.")]
    public string? TaskArn { get; init; }

    [Description("When the task started.")]
    public DateTimeOffset? StartedAt { get; init; }

    [Description("When the task stopped.")]
    public DateTimeOffset? StoppedAt { get; init; }

    [Description("Exit code of the Job's container.")]
    public int? ExitCode { get; init; }

    [Description("ECS stop code of the task.")]
    public string? StopCode { get; init; }

    [Description("ECS stopped reason of the task.")]
    public string? StoppedReason { get; init; }

    [Description("How the run ended (absent while it runs).")]
    public string? Outcome { get; init; }

    [Description("CloudWatch Logs group of the task's log, when it logs with awslogs.")]
    public string? LogGroup { get; init; }

    [Description("CloudWatch Logs stream of the task's log.")]
    public string? LogStream { get; init; }

    [Description("Every container of the task as last seen, for reference: only the Job's container decides the outcome; the others are stopped when it exits.")]
    public IReadOnlyList<JobContainerStatus>? Containers { get; init; }
}

/// <summary>One container of a Job's task, as ECS last reported it.</summary>
public sealed record JobContainerStatus
{
    [Description("The container's name in the task definition.")]
    public required string Name { get; init; }

    [Description("ECS lastStatus of the container (PENDING, RUNNING, STOPPED).")]
    public string? LastStatus { get; init; }

    [Description("The container's exit code, once it has exited (143: stopped with SIGTERM).")]
    public int? ExitCode { get; init; }

    [Description("Why the container stopped, when ECS says.")]
    public string? Reason { get; init; }
}
