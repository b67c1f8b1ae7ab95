namespace EcsOperator.Core.Jobs;

/// <summary>Settings of Job, CronJob and queue handling (defaults here, in one place).</summary>
public sealed class JobsOptions
{
    /// <summary>The one AWS region this operator serves: a Job whose <c>spec.region</c> names another is refused
    /// (Failed/RegionMismatch) rather than run here; null accepts any.</summary>
    public string? Region { get; set; }

    /// <summary>This store's epoch, tagged on the tasks RunTask starts (<see cref="Aws.OperatorTags.StoreEpoch"/>); null: no tag.</summary>
    public string? StoreEpoch { get; set; }

    /// <summary>How often a running Job's task is looked at (and how old the batched task view may be).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Queued Jobs may carry their own task definition (image, role) instead of an appRef.</summary>
    public bool AllowInlineTaskDefinitionsFromQueue { get; set; }

    /// <summary>Namespaces queued Jobs may be created in; null or empty = any.</summary>
    public IReadOnlyList<string>? AllowedQueueNamespaces { get; set; }

    /// <summary>Namespace of a queued Job that names none.</summary>
    public string DefaultQueueNamespace { get; set; } = "default";

    /// <summary>How long a received message stays invisible while it is handled (extended while handling is slow).</summary>
    public TimeSpan QueueVisibility { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Long-poll wait of one receive.</summary>
    public TimeSpan QueueWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages handled at once by the intake.</summary>
    public int QueueConcurrency { get; set; } = 4;
}

/// <summary>Annotations the Job machinery reads or writes.</summary>
public static class JobAnnotations
{
    /// <summary>Pins an appRef Job to one revision of the App (set by pre-deploy hooks); the revision must be owned by the App.</summary>
    public const string TaskDefinition = "ecs.operator/task-definition";

    /// <summary>Set (to a reason) to stop a running Job: its task is stopped and the Job fails with reason Stopped.
    /// <c>ecsctl run</c> sets it on Ctrl-C.</summary>
    public const string StopRequested = "ecs.operator/stop";

    /// <summary>The queue message a Job came from.</summary>
    public const string QueueMessageId = "ecs.operator/queue-message-id";

    /// <summary>The CronJob that created a Job.</summary>
    public const string CronJob = "ecs.operator/cronjob";

    /// <summary>The schedule slot (UTC, ISO-8601) a CronJob's Job runs for.</summary>
    public const string ScheduledTime = "ecs.operator/scheduled-time";

    /// <summary>Annotations with this prefix steer the simulator; they are copied onto the task as tags.</summary>
    public const string SimulatorPrefix = "simulator.ecs.operator/";

    /// <summary>Tag on inline task definitions registered for a Job: the Job's uid.</summary>
    public const string JobUidTag = "ecs.operator/job-uid";
}
