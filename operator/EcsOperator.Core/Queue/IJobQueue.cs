namespace EcsOperator.Core.Queue;

/// <summary>The job-request queue (SQS in AWS, a directory locally). At-least-once delivery.</summary>
public interface IJobQueue
{
    /// <summary>Up to <paramref name="max"/> (≤ 10) messages, waiting up to <paramref name="wait"/> for the first.</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int max, TimeSpan wait, CancellationToken ct);

    /// <summary>Deletes a handled message. Call only after its Job is durably in the store.</summary>
    Task DeleteAsync(QueueMessage message, CancellationToken ct);

    /// <summary>Keeps a message invisible for <paramref name="visibility"/> more, while it is being handled.</summary>
    Task ExtendVisibilityAsync(QueueMessage message, TimeSpan visibility, CancellationToken ct);

    /// <summary>Sends a message; returns its id.</summary>
    Task<string> SendAsync(string body, IReadOnlyDictionary<string, string>? attributes, CancellationToken ct);

    /// <summary>Moves a message to the dead-letter queue with <paramref name="reason"/> as the
    /// <c>ecs-operator-reason</c> message attribute, then deletes it from this queue.</summary>
    Task DeadLetterAsync(QueueMessage message, string reason, CancellationToken ct);
}

/// <param name="ReceiveCount">How many times this message has been received (1 on first delivery).</param>
public sealed record QueueMessage(
    string MessageId,
    string ReceiptHandle,
    string Body,
    int ReceiveCount,
    IReadOnlyDictionary<string, string> Attributes);

public static class QueueAttributes
{
    public const string DeadLetterReason = "ecs-operator-reason";
}
