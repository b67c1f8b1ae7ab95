using Amazon.DynamoDBv2;
using Amazon.SQS;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Aws.Sqs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Aws.Init;

/// <summary>
/// <c>ecs-operator init</c>: creates what the operator needs in an account when absent — the resource table (with
/// Streams and TTL), the job queue and its dead-letter queue with a redrive policy, the events queue with its dead-letter queue and the
/// EventBridge rules that feed it — and reports what it created,
/// found or updated. Safe to run any number of times.
/// </summary>
public sealed partial class InfrastructureInitializer(TimeProvider time, ILogger? logger = null)
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    public async Task<InitReport> InitAsync(InitOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));

        using var db = DynamoDbClients.Create(options.Connection);
        using var sqs = SqsClients.Create(options.Connection);
        var (table, streamArn) = await EnsureTableAsync(db, options, ct);
        var (dlq, dlqUrl, dlqArn) = await EnsureDeadLetterQueueAsync(sqs, options, ct);
        var (queue, queueUrl) = await EnsureQueueAsync(sqs, options, dlqArn, ct);
        var (events, eventsUrl) = await EnsureEventsAsync(sqs, options, time, ct);
        var report = new InitReport([table, queue, dlq, .. events])
        {
            TableStreamArn = streamArn, QueueUrl = queueUrl, DeadLetterQueueUrl = dlqUrl, EventsQueueUrl = eventsUrl,
        };
        foreach (var r in report.Resources) Log.Initialized(_log, r.Type, r.Name, r.Outcome);
        return report;
    }
}
