using EcsOperator.Core.Queue;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.TestUtilities.Contracts;

/// <summary>
/// What every <see cref="IJobQueue"/> must do: at-least-once delivery, visibility timeout, receive counts, dead-lettering.
/// Derive and implement the factories; a queue on a real clock (SQS on moto) overrides <see cref="ElapseAsync"/> to
/// sleep and <see cref="Visibility"/> to a short timeout.
/// </summary>
public abstract partial class JobQueueContract
{
    protected FakeTimeProvider Time { get; } = ContractClock.Create();

    /// <summary>The visibility timeout the suite creates queues with.</summary>
    protected virtual TimeSpan Visibility => TimeSpan.FromSeconds(30);

    /// <summary>A fresh, empty queue (with its dead-letter queue) using <see cref="Time"/>.</summary>
    protected abstract Task<IJobQueue> CreateQueueAsync(int maxReceiveCount, TimeSpan visibility);

    /// <summary>The messages now in the dead-letter queue of the queue created last.</summary>
    protected abstract Task<IReadOnlyList<QueueMessage>> ReadDeadLettersAsync();

    /// <summary>A resource store for the crash test (the job store the operator writes before deleting a message).</summary>
    protected abstract Task<IResourceStore> CreateJobStoreAsync();

    /// <summary>Lets <paramref name="duration"/> pass on the queue's clock.</summary>
    protected virtual Task ElapseAsync(TimeSpan duration)
    {
        Time.Advance(duration);
        return Task.CompletedTask;
    }

    protected TimeSpan PastVisibility => Visibility + TimeSpan.FromSeconds(Math.Max(1, Visibility.TotalSeconds / 2));

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>Receives until <paramref name="count"/> messages arrived or a receive returns none.</summary>
    protected static async Task<List<QueueMessage>> ReceiveAllAsync(IJobQueue queue, int count)
    {
        var all = new List<QueueMessage>();
        while (all.Count < count)
        {
            var batch = await queue.ReceiveAsync(10, TimeSpan.Zero, Ct);
            if (batch.Count == 0) break;
            all.AddRange(batch);
        }

        return all;
    }

    [Fact]
    public async Task A_sent_message_is_received_once_and_gone_after_delete()
    {
        var queue = await CreateQueueAsync(5, Visibility);
        var id = await queue.SendAsync("kind: Job", new Dictionary<string, string> { ["sender"] = "ci" }, Ct);
        var m = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.Zero, Ct));
        Assert.Equal(id, m.MessageId);
        Assert.Equal("kind: Job", m.Body);
        Assert.Equal(1, m.ReceiveCount);
        Assert.Equal("ci", m.Attributes["sender"]);
        Assert.NotEmpty(m.ReceiptHandle);
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.Zero, Ct));
        await queue.DeleteAsync(m, Ct);
        await ElapseAsync(PastVisibility);
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task An_undeleted_message_comes_back_after_the_visibility_timeout()
    {
        var queue = await CreateQueueAsync(5, Visibility);
        await queue.SendAsync("run once", null, Ct);
        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        await ElapseAsync(PastVisibility);
        var second = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.ReceiveCount);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
        await queue.DeleteAsync(second, Ct);
        await ElapseAsync(PastVisibility);
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task Extending_visibility_keeps_a_message_hidden()
    {
        var queue = await CreateQueueAsync(5, Visibility);
        await queue.SendAsync("long job", null, Ct);
        var m = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        await ElapseAsync(Visibility / 2);
        await queue.ExtendVisibilityAsync(m, Visibility * 2, Ct);
        await ElapseAsync(Visibility);
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        await ElapseAsync(Visibility * 2);
        Assert.Equal(m.MessageId, Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct)).MessageId);
    }

    [Fact]
    public async Task A_batch_never_exceeds_its_maximum_and_every_message_arrives_once()
    {
        var queue = await CreateQueueAsync(5, Visibility);
        var sent = new List<string>();
        for (var i = 0; i < 7; i++) sent.Add(await queue.SendAsync($"job {i}", null, Ct));
        var first = await queue.ReceiveAsync(3, TimeSpan.Zero, Ct);
        Assert.InRange(first.Count, 1, 3);
        var rest = await ReceiveAllAsync(queue, 7 - first.Count);
        var ids = first.Concat(rest).Select(m => m.MessageId).ToList();
        Assert.Equal(sent.Order(), ids.Order());
    }
}
