namespace EcsOperator.Aws.DynamoDb;

/// <summary>Tuning of <see cref="DynamoDbResourceStore"/>; defaults in one place.</summary>
public sealed record DynamoDbStoreOptions
{
    /// <summary>How long an event is kept after it was last seen (written to the item's <c>ttl</c> attribute too).</summary>
    public TimeSpan EventTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Events kept per resource; the oldest are dropped beyond this (an item holds at most 400 KB).</summary>
    public int MaxEventsPerResource { get; init; } = 100;

    /// <summary>Pause between DynamoDB Streams polls of an idle shard (the service allows 5 GetRecords per second per shard).</summary>
    public TimeSpan StreamPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Attempts of a read-modify-write that keeps losing its condition to concurrent writers, for unconditional puts.</summary>
    public int MaxWriteAttempts { get; init; } = 10;
}
