using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using EcsOperator.Aws.SqsMetrics;
using EcsOperator.Core.Scaling;
using EcsOperator.TestUtilities.Moto;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Tests.Scaling;

/// <summary>queueTriggers read a real SQS API (moto): visible + in-flight messages set the desired count.</summary>
[Collection(ScalingMotoCollection.Name)]
public sealed class QueueTriggerMotoTests(MotoServer moto)
{
    private AmazonSQSClient Client() => new(new BasicAWSCredentials("test", "test"),
        new AmazonSQSConfig { ServiceURL = moto.Endpoint, AuthenticationRegion = moto.Region });

    [SkippableFact]
    public async Task Depth_counts_visible_and_in_flight_messages()
    {
        moto.SkipIfUnavailable();
        using var sqs = Client();
        var url = (await sqs.CreateQueueAsync("depth-" + Guid.NewGuid().ToString("N")[..8])).QueueUrl;
        for (var i = 0; i < 5; i++) await sqs.SendMessageAsync(url, $"m{i}");
        await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 2, VisibilityTimeout = 300 });

        var depth = await new SqsQueueDepthReader(sqs).GetDepthAsync(url, default);
        Assert.Equal(new QueueDepth(3, 2), depth);
    }

    [SkippableFact]
    public async Task A_missing_queue_is_an_error_the_policy_turns_into_a_held_count()
    {
        moto.SkipIfUnavailable();
        using var sqs = Client();
        var reader = new SqsQueueDepthReader(sqs);
        await Assert.ThrowsAnyAsync<Exception>(() => reader.GetDepthAsync(moto.Endpoint + "/123456789012/no-such-queue", default));
    }

    [SkippableFact]
    public async Task A_queue_trigger_drives_the_service_through_the_reconciler()
    {
        moto.SkipIfUnavailable();
        using var sqs = Client();
        var url = (await sqs.CreateQueueAsync("jobs-" + Guid.NewGuid().ToString("N")[..8])).QueueUrl;
        for (var i = 0; i < 45; i++) await sqs.SendMessageAsync(url, $"job {i}");

        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var policies = new ScalePolicyReconciler(w.Store, w.Store, w.Cloud.Ecs, w.Alarms, w.Services, new SqsQueueDepthReader(sqs),
            w.Options, w.Time, NullLogger<ScalePolicyReconciler>.Instance);
        w.Cloud.Control.EnsureDefaultCluster(instanceCount: 3);
        await w.CreateServiceAsync("default", "worker", cpu: 256, memory: 512, desired: 1);
        await w.PutAsync(ScalingWorld.AppYaml("worker", "default", 256, 512));
        var key = await w.PutAsync($$"""
            apiVersion: ecs.operator/v1
            kind: ScalePolicy
            metadata:
              name: worker
            spec:
              targetRef: worker
              minTaskCount: 1
              maxTaskCount: 20
              idleTimeSeconds: 0
              queueTriggers:
                - queueUrl: {{url}}
                  targetMessagesPerTask: 10
            """);

        await policies.ReconcileAsync(key, default);
        Assert.Equal(5, await w.DesiredCountAsync("default", "worker"));

        await sqs.PurgeQueueAsync(url);
        w.Time.Advance(TimeSpan.FromSeconds(30));
        await policies.ReconcileAsync(key, default);
        Assert.Equal(1, await w.DesiredCountAsync("default", "worker"));
    }
}
