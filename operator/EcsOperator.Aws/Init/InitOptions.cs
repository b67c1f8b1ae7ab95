namespace EcsOperator.Aws.Init;

/// <summary>What <c>ecs-operator init</c> sets up.</summary>
/// <param name="Connection">Region, profile and endpoint.</param>
/// <param name="TableName">The resource table (pk string hash key, on-demand, Streams NEW_AND_OLD_IMAGES, TTL on <c>ttl</c>).</param>
/// <param name="QueueName">The job queue; its dead-letter queue is <see cref="DeadLetterQueueName"/>.</param>
public sealed record InitOptions(AwsConnection Connection, string TableName, string QueueName)
{
    /// <summary>Receives after which SQS moves a message to the dead-letter queue.</summary>
    public int MaxReceiveCount { get; init; } = 5;

    /// <summary>Name of the dead-letter queue; null means <c>&lt;QueueName&gt;-dlq</c>.</summary>
    public string? DeadLetterQueueName { get; init; }

    /// <summary>How long a received job message stays invisible before redelivery (the operator extends it while handling).</summary>
    public int VisibilityTimeoutSeconds { get; init; } = 60;

    /// <summary>How long to wait for a new table to become ACTIVE.</summary>
    public TimeSpan TableActiveTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Name of the events queue (its dead-letter queue is NAME-dlq, its rules NAME-ecs, NAME-cloudwatch, ...);
    /// null means <c>&lt;QueueName&gt;-events</c>.</summary>
    public string? EventsQueueName { get; init; }

    public string EffectiveEventsQueueName => EventsQueueName ?? QueueName + "-events";

    public string EffectiveDeadLetterQueueName => DeadLetterQueueName ?? QueueName + "-dlq";

    /// <summary>Problems with the options, one message each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(TableName)) errors.Add("--table: a table name is required");
        if (string.IsNullOrWhiteSpace(QueueName)) errors.Add("--queue-name: a queue name is required");
        if (MaxReceiveCount is < 1 or > 1000) errors.Add($"--max-receive-count: {MaxReceiveCount} is outside 1..1000");
        if (VisibilityTimeoutSeconds is < 0 or > 43200) errors.Add($"visibility timeout {VisibilityTimeoutSeconds} is outside 0..43200 seconds");
        return errors;
    }
}
