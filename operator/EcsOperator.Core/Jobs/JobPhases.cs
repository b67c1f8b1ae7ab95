namespace EcsOperator.Core.Jobs;

/// <summary>A Job's phase as written to <c>status.phase</c>.</summary>
public static class JobPhases
{
    public const string Pending = nameof(Pending);
    public const string Running = nameof(Running);
    public const string Succeeded = nameof(Succeeded);
    public const string Failed = nameof(Failed);

    public static bool IsFinished(string? phase) => phase is Succeeded or Failed;
}

/// <summary>The reasons a Job records in its status and events.</summary>
public static class JobReasons
{
    public const string Launched = nameof(Launched);
    public const string Adopted = nameof(Adopted);
    public const string Placement = "PlacementFailed";
    public const string PlacementRetryLimit = "PlacementRetryLimitExceeded";
    public const string HostLost = "HostTerminated";
    public const string NonZeroExit = "NonZeroExitCode";
    public const string BackoffLimit = "BackoffLimitExceeded";
    public const string FailedToStart = "TaskFailedToStart";
    public const string Stopped = nameof(Stopped);
    public const string TaskMissing = "TaskNotFound";
    public const string DeadlineExceeded = nameof(DeadlineExceeded);
    public const string Completed = nameof(Completed);
    public const string Retrying = nameof(Retrying);
    public const string InvalidSpec = nameof(InvalidSpec);
    public const string AppNotReady = nameof(AppNotReady);
    /// <summary>The App the Job runs is stuck on a reason only a new App spec can clear.</summary>
    public const string AppFailed = nameof(AppFailed);
    public const string Expired = "TtlExpired";
    public const string Deleted = "JobDeleted";
}
