using System.Globalization;
using Amazon.SQS.Model;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Aws.Sqs;
using EcsOperator.Aws.Tests.DynamoDb;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Contracts;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Sqs;

/// <summary>The job-queue contract against SQS on moto: a fresh queue and dead-letter queue per test, real time
/// (moto's visibility timeouts run on the wall clock), a two-second visibility timeout.</summary>
public sealed class SqsJobQueueContractTests(MotoServer moto) : JobQueueContract, IClassFixture<MotoServer>, IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private SqsJobQueue? _deadLetters;

    protected override TimeSpan Visibility => TimeSpan.FromSeconds(2);

    protected override Task ElapseAsync(TimeSpan duration) => Task.Delay(duration);

    protected override async Task<IJobQueue> CreateQueueAsync(int maxReceiveCount, TimeSpan visibility)
    {
        moto.SkipIfUnavailable();
        using var sqs = SqsClients.Create(MotoAws.Connection(moto));
        var dlqUrl = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = MotoAws.Name("dlq") })).QueueUrl;
        var dlqArn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = dlqUrl, AttributeNames = ["QueueArn"] })).Attributes["QueueArn"];
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = MotoAws.Name("jobs"),
            Attributes = new()
            {
                ["VisibilityTimeout"] = ((int)visibility.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"{{maxReceiveCount}}"}""",
            },
        })).QueueUrl;
        var queue = await SqsJobQueue.CreateAsync(MotoAws.Connection(moto), url, Time, default);
        _deadLetters = await SqsJobQueue.CreateAsync(MotoAws.Connection(moto), dlqUrl, Time, default);
        _owned.Add(queue);
        _owned.Add(_deadLetters);
        return queue;
    }

    protected override Task<IReadOnlyList<QueueMessage>> ReadDeadLettersAsync() => _deadLetters!.ReceiveAsync(10, TimeSpan.FromSeconds(1), default);

    protected override async Task<IResourceStore> CreateJobStoreAsync()
    {
        var store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), await MotoAws.TableAsync(moto), Time, null, null);
        _owned.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var o in _owned) o.Dispose();
    }
}
