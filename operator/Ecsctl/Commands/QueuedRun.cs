using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

/// <summary>
/// An <c>ecsctl run --via-queue</c> whose message the operator has not turned into a Job yet. The wait for that is
/// bounded: a message the operator dead-lettered ends it at once with the operator's reason (visible next to a local
/// store: the queue's dead-letter directory), and a message still not a Job after <see cref="AcceptTimeout"/> ends it too.
/// </summary>
internal sealed class QueuedRun(IJobQueue queue, string messageId, TimeSpan acceptTimeout)
{
    public static readonly TimeSpan DefaultAcceptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long the operator may take to accept the message.</summary>
    public TimeSpan AcceptTimeout { get; } = acceptTimeout;

    public string MessageId { get; } = messageId;

    /// <summary>Why the Job will never appear (dead-lettered, or not accepted in time); null while it still may.</summary>
    public async Task<string?> RefusalAsync(ResourceKey key, TimeSpan waited, CancellationToken ct)
    {
        if (queue is LocalJobQueue local)
        {
            var dead = (await local.ListDeadLettersAsync(ct)).FirstOrDefault(m => m.MessageId == MessageId);
            if (dead is not null)
            {
                var reason = dead.Attributes.GetValueOrDefault(QueueAttributes.DeadLetterReason) ?? "no reason recorded";
                return $"the operator rejected {ResourceRefs.Display(key)} (queue message {MessageId} is in the dead-letter queue): {reason}";
            }
        }
        if (waited < AcceptTimeout) return null;
        var where = queue is LocalJobQueue ? "" : "; a rejected message is in the queue's dead-letter queue with the reason in its ecs-operator-reason attribute";
        return $"{ResourceRefs.Display(key)} did not appear within {(int)AcceptTimeout.TotalSeconds}s of sending queue message {MessageId}: is the operator running and consuming the queue{where}?";
    }
}
