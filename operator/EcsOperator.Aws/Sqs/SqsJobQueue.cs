using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using EcsOperator.Core.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Aws.Sqs;

/// <summary>
/// The job-request queue on SQS: long-polling batch receives, visibility extension while a message is handled,
/// delete after the job is durably stored, and dead-lettering to the queue named by the source queue's RedrivePolicy
/// (SQS also moves a message there by itself after maxReceiveCount receives).
/// </summary>
public sealed partial class SqsJobQueue : IJobQueue, IDisposable
{
    private const string ReceiveCountAttribute = "ApproximateReceiveCount";
    private readonly IAmazonSQS _sqs;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly bool _ownsClient;
    private string? _deadLetterUrl;

    internal SqsJobQueue(IAmazonSQS sqs, string queueUrl, TimeProvider time, ILogger? logger = null, bool ownsClient = false)
    {
        _sqs = sqs;
        QueueUrl = queueUrl;
        _time = time;
        _log = logger ?? NullLogger.Instance;
        _ownsClient = ownsClient;
    }

    public string QueueUrl { get; }

    /// <summary>Opens the queue given by URL, or by name (looked up with GetQueueUrl).</summary>
    public static Task<SqsJobQueue> CreateAsync(AwsConnection connection, string queueUrlOrName, TimeProvider time, CancellationToken ct) =>
        CreateAsync(connection, queueUrlOrName, time, null, ct);

    public static async Task<SqsJobQueue> CreateAsync(
        AwsConnection connection, string queueUrlOrName, TimeProvider time, ILogger? logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueUrlOrName);
        var sqs = SqsClients.Create(connection);
        try
        {
            var url = IsUrl(queueUrlOrName)
                ? queueUrlOrName
                : (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = queueUrlOrName }, ct)).QueueUrl;
            return new SqsJobQueue(sqs, url, time, logger, ownsClient: true);
        }
        catch
        {
            sqs.Dispose();
            throw;
        }
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int max, TimeSpan wait, CancellationToken ct)
    {
        var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = QueueUrl,
            MaxNumberOfMessages = Math.Clamp(max, 1, 10),
            WaitTimeSeconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 0, 20),
            MessageSystemAttributeNames = [ReceiveCountAttribute],
            MessageAttributeNames = ["All"],
        }, ct);
        return [.. (response.Messages ?? []).Select(ToQueueMessage)];
    }

    public Task DeleteAsync(QueueMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = QueueUrl, ReceiptHandle = message.ReceiptHandle }, ct);
    }

    public Task ExtendVisibilityAsync(QueueMessage message, TimeSpan visibility, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
        {
            QueueUrl = QueueUrl,
            ReceiptHandle = message.ReceiptHandle,
            VisibilityTimeout = (int)Math.Clamp(Math.Ceiling(visibility.TotalSeconds), 0, 43200),
        }, ct);
    }

    public Task<string> SendAsync(string body, IReadOnlyDictionary<string, string>? attributes, CancellationToken ct) =>
        SendToAsync(QueueUrl, body, attributes, ct);

    public async Task DeadLetterAsync(QueueMessage message, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var deadLetterUrl = _deadLetterUrl ??= await FindDeadLetterQueueAsync(ct);
        var attributes = message.Attributes
            .Where(a => a.Key != QueueAttributes.DeadLetterReason)
            .Take(9)
            .ToDictionary(a => a.Key, a => a.Value);
        attributes[QueueAttributes.DeadLetterReason] = string.IsNullOrEmpty(reason) ? "unspecified" : reason;
        await SendToAsync(deadLetterUrl, message.Body, attributes, ct);
        await DeleteAsync(message, ct);
        Log.DeadLettered(_log, message.MessageId, deadLetterUrl, reason);
    }

    private async Task<string> SendToAsync(string url, string body, IReadOnlyDictionary<string, string>? attributes, CancellationToken ct)
    {
        var request = new SendMessageRequest { QueueUrl = url, MessageBody = body };
        if (attributes is { Count: > 0 })
        {
            request.MessageAttributes = attributes.ToDictionary(
                a => a.Key, a => new MessageAttributeValue { DataType = "String", StringValue = a.Value });
        }

        return (await _sqs.SendMessageAsync(request, ct)).MessageId;
    }

    private static QueueMessage ToQueueMessage(Message m)
    {
        var count = m.Attributes?.GetValueOrDefault(ReceiveCountAttribute) is { } text
            && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var attributes = (m.MessageAttributes ?? [])
            .Where(a => a.Value.StringValue is not null)
            .ToDictionary(a => a.Key, a => a.Value.StringValue);
        return new QueueMessage(m.MessageId, m.ReceiptHandle, m.Body ?? "", count, attributes);
    }

    private static bool IsUrl(string s) =>
        s.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    public void Dispose()
    {
        if (_ownsClient) _sqs.Dispose();
    }
}
