using System.Security.Cryptography;
using System.Text;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.TestUtilities.Contracts;

public abstract partial class JobQueueContract
{
    [Fact]
    public async Task A_message_received_too_often_goes_to_the_dead_letter_queue()
    {
        var queue = await CreateQueueAsync(2, Visibility);
        var id = await queue.SendAsync("poison", new Dictionary<string, string> { ["sender"] = "test" }, Ct);
        for (var i = 1; i <= 2; i++)
        {
            Assert.Equal(i, Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct)).ReceiveCount);
            await ElapseAsync(PastVisibility);
        }

        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        var dead = Assert.Single(await ReadDeadLettersAsync());
        Assert.Equal("poison", dead.Body);
        Assert.Equal(id, dead.MessageId);
        await ElapseAsync(PastVisibility);
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task Dead_lettering_moves_the_message_with_its_reason()
    {
        var queue = await CreateQueueAsync(5, Visibility);
        await queue.SendAsync("kind: Nonsense", new Dictionary<string, string> { ["sender"] = "test" }, Ct);
        var m = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        await queue.DeadLetterAsync(m, "manifest invalid: unknown kind Nonsense", Ct);
        await ElapseAsync(PastVisibility);
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        var dead = Assert.Single(await ReadDeadLettersAsync());
        Assert.Equal("kind: Nonsense", dead.Body);
        Assert.Equal("manifest invalid: unknown kind Nonsense", dead.Attributes[QueueAttributes.DeadLetterReason]);
        Assert.Equal("test", dead.Attributes["sender"]);
    }

    /// <summary>The operator writes the Job to the store keyed by the message id, then deletes the message. A crash in
    /// between redelivers the message; the keyed write is idempotent, so there is no duplicate and no loss.</summary>
    [Fact]
    public async Task A_crash_between_store_write_and_delete_neither_duplicates_nor_loses_the_job()
    {
        var queue = await CreateQueueAsync(5, Visibility);
        var store = await CreateJobStoreAsync();
        var ns = ContractClock.UniqueNamespace();
        var body = $"apiVersion: ecs.operator/v1\nkind: Job\nmetadata:\n  namespace: {ns}\nspec:\n  command: [rake, db:seed]\n";
        await queue.SendAsync(body, null, Ct);

        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        var created = await store.PutAsync(JobKey(ns, first.MessageId), first.Body, null, Ct);
        Assert.Equal(PutOutcome.Created, created.Outcome);
        // crash: the message is never deleted

        await ElapseAsync(PastVisibility);
        var again = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        Assert.Equal(first.MessageId, again.MessageId);
        var replay = await store.PutAsync(JobKey(ns, again.MessageId), again.Body, null, Ct);
        Assert.Equal(PutOutcome.Unchanged, replay.Outcome);
        await queue.DeleteAsync(again, Ct);

        await ElapseAsync(PastVisibility);
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        var jobs = await store.ListAsync(ResourceKind.Job, ns, Ct);
        Assert.Equal(body, Assert.Single(jobs).Manifest);
        Assert.Equal(1, jobs[0].Generation);
    }

    private static ResourceKey JobKey(string ns, string messageId) =>
        new(ResourceKind.Job, ns, "msg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..20]);
}
