using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Queue;
using EcsOperator.TestUtilities.Contracts;

namespace EcsOperator.Core.Tests.LocalStore;

/// <summary>The local queue's directory: messages dropped in by hand, corrupt files.</summary>
public sealed class LocalJobQueueTests : IDisposable
{
    private readonly TempStateDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_message_dropped_in_by_hand_is_received()
    {
        var queue = new LocalJobQueue(_dir.Paths, ContractClock.Create());
        await File.WriteAllTextAsync(Path.Combine(queue.MessagesDirectory, "by-hand.json"), """{"body": "kind: Job"}""");
        var m = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.Zero, CancellationToken.None));
        Assert.Equal("by-hand", m.MessageId);
        Assert.Equal("kind: Job", m.Body);
        Assert.Equal(1, m.ReceiveCount);
        await queue.DeleteAsync(m, CancellationToken.None);
        Assert.Empty(Directory.EnumerateFiles(queue.MessagesDirectory));
    }

    [Fact]
    public async Task A_corrupt_message_file_goes_to_the_dead_letter_queue_with_a_reason()
    {
        var queue = new LocalJobQueue(_dir.Paths, ContractClock.Create());
        await File.WriteAllTextAsync(Path.Combine(queue.MessagesDirectory, "broken.json"), "{ body: nope");
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.Zero, CancellationToken.None));
        var dead = Assert.Single(await queue.ListDeadLettersAsync(CancellationToken.None));
        Assert.Equal("{ body: nope", dead.Body);
        Assert.Contains("unreadable", dead.Attributes[QueueAttributes.DeadLetterReason], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiting_receive_returns_a_message_sent_meanwhile()
    {
        var queue = new LocalJobQueue(_dir.Paths, TimeProvider.System) { PollInterval = TimeSpan.FromMilliseconds(20) };
        var receive = queue.ReceiveAsync(1, TimeSpan.FromSeconds(10), CancellationToken.None);
        await Task.Delay(50);
        await queue.SendAsync("late", null, CancellationToken.None);
        Assert.Equal("late", Assert.Single(await receive).Body);
    }
}
