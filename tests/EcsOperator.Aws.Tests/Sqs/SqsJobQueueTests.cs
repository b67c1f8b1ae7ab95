using Amazon.SQS.Model;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Aws.Sqs;
using EcsOperator.Aws.Tests.DynamoDb;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Sqs;

public sealed class SqsJobQueueTests(MotoServer moto) : IClassFixture<MotoServer>
{
    [SkippableFact]
    public async Task Send_receive_extend_and_delete_by_name_and_by_url()
    {
        moto.SkipIfUnavailable();
        var name = MotoAws.Name("jobs");
        var init = await MotoAws.InitAsync(moto, MotoAws.Name("tbl"), name);
        using var byName = await SqsJobQueue.CreateAsync(MotoAws.Connection(moto), name, TimeProvider.System, default);
        Assert.Equal(init.QueueUrl, byName.QueueUrl);
        using var byUrl = await SqsJobQueue.CreateAsync(MotoAws.Connection(moto), init.QueueUrl!, TimeProvider.System, default);

        var ids = new List<string>();
        for (var i = 0; i < 12; i++) ids.Add(await byName.SendAsync($"job {i}", new Dictionary<string, string> { ["n"] = $"{i}" }, default));

        var first = await byUrl.ReceiveAsync(10, TimeSpan.FromSeconds(1), default);
        Assert.InRange(first.Count, 1, 10);
        Assert.All(first, m => Assert.Equal(1, m.ReceiveCount));
        Assert.All(first, m => Assert.Equal(m.Body, $"job {m.Attributes["n"]}"));
        foreach (var m in first) await byUrl.ExtendVisibilityAsync(m, TimeSpan.FromMinutes(5), default);

        var received = first.ToList();
        while (received.Count < 12)
        {
            var more = await byUrl.ReceiveAsync(10, TimeSpan.FromSeconds(1), default);
            Assert.NotEmpty(more);
            received.AddRange(more);
        }

        Assert.Equal(ids.Order(), received.Select(m => m.MessageId).Order());
        foreach (var m in received) await byUrl.DeleteAsync(m, default);
        Assert.Empty(await byUrl.ReceiveAsync(10, TimeSpan.Zero, default));
    }

    [SkippableFact]
    public async Task A_crash_between_store_write_and_delete_redelivers_without_duplicate_or_loss()
    {
        moto.SkipIfUnavailable();
        var table = MotoAws.Name("tbl");
        var queueName = MotoAws.Name("jobs");
        await MotoAws.InitAsync(moto, table, queueName, visibility: 1);
        using var store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System);
        using var queue = await SqsJobQueue.CreateAsync(MotoAws.Connection(moto), queueName, TimeProvider.System, default);
        var job = new ResourceKey(ResourceKind.Job, "default", "migrate");
        await queue.SendAsync("apiVersion: ecs.operator/v1\nkind: Job\nmetadata:\n  name: migrate\n", null, default);

        // First handler: stores the job, then "crashes" before deleting the message.
        var delivery1 = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(2), default));
        Assert.Equal(PutOutcome.Created, (await store.PutAsync(job, delivery1.Body, null, default)).Outcome);

        // After the visibility timeout the message comes back; the handler's store write is a no-op, then it deletes.
        IReadOnlyList<QueueMessage> again = [];
        for (var i = 0; i < 20 && again.Count == 0; i++) again = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), default);
        var delivery2 = Assert.Single(again);
        Assert.Equal(delivery1.MessageId, delivery2.MessageId);
        Assert.Equal(2, delivery2.ReceiveCount);
        Assert.Equal(PutOutcome.Unchanged, (await store.PutAsync(job, delivery2.Body, null, default)).Outcome);
        await queue.DeleteAsync(delivery2, default);

        var stored = Assert.Single(await store.ListAsync(ResourceKind.Job, null, default));
        Assert.Equal(1, stored.Generation);
        await Task.Delay(1200);
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.Zero, default));
    }

    [SkippableFact]
    public async Task A_poison_message_goes_to_the_dead_letter_queue_with_its_reason()
    {
        moto.SkipIfUnavailable();
        var queueName = MotoAws.Name("jobs");
        var init = await MotoAws.InitAsync(moto, MotoAws.Name("tbl"), queueName);
        using var queue = await SqsJobQueue.CreateAsync(MotoAws.Connection(moto), queueName, TimeProvider.System, default);
        using var dlq = await SqsJobQueue.CreateAsync(MotoAws.Connection(moto), init.DeadLetterQueueUrl!, TimeProvider.System, default);
        await queue.SendAsync("not: [a job", new Dictionary<string, string> { ["source"] = "test" }, default);

        var poison = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(2), default));
        await queue.DeadLetterAsync(poison, "stdin:1:10: manifest is not valid YAML", default);

        var dead = Assert.Single(await dlq.ReceiveAsync(10, TimeSpan.FromSeconds(2), default));
        Assert.Equal("not: [a job", dead.Body);
        Assert.Equal("stdin:1:10: manifest is not valid YAML", dead.Attributes[QueueAttributes.DeadLetterReason]);
        Assert.Equal("test", dead.Attributes["source"]);
        using var sqs = SqsClients.Create(MotoAws.Connection(moto));
        var counts = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = init.QueueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        })).Attributes;
        Assert.Equal("0", counts["ApproximateNumberOfMessages"]);
        Assert.Equal("0", counts["ApproximateNumberOfMessagesNotVisible"]);
    }

    [SkippableFact]
    public async Task Dead_lettering_without_a_redrive_policy_fails_and_keeps_the_message()
    {
        moto.SkipIfUnavailable();
        var name = MotoAws.Name("bare");
        using (var sqs = SqsClients.Create(MotoAws.Connection(moto))) await sqs.CreateQueueAsync(name);
        using var queue = await SqsJobQueue.CreateAsync(MotoAws.Connection(moto), name, TimeProvider.System, default);
        await queue.SendAsync("x", null, default);
        var m = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(2), default));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.DeadLetterAsync(m, "bad", default));
        Assert.Contains("no RedrivePolicy", error.Message, StringComparison.Ordinal);
        await queue.ExtendVisibilityAsync(m, TimeSpan.Zero, default);
        Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(2), default));
    }
}
