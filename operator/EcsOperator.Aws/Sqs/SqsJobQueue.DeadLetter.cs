using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS.Model;

namespace EcsOperator.Aws.Sqs;

public sealed partial class SqsJobQueue
{
    /// <summary>The URL of the queue named by this queue's RedrivePolicy <c>deadLetterTargetArn</c>
    /// (<c>arn:aws:sqs:region:account:name</c>).</summary>
    private async Task<string> FindDeadLetterQueueAsync(CancellationToken ct)
    {
        var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = QueueUrl, AttributeNames = ["RedrivePolicy"] }, ct);
        var policy = attributes.Attributes?.GetValueOrDefault("RedrivePolicy")
            ?? throw new InvalidOperationException($"queue {QueueUrl} has no RedrivePolicy, so no dead-letter queue to move a message to");
        string? arn;
        try
        {
            arn = JsonNode.Parse(policy)?["deadLetterTargetArn"]?.GetValue<string>();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"queue {QueueUrl} has an unreadable RedrivePolicy: {e.Message}", e);
        }

        var parts = arn?.Split(':');
        if (parts is not { Length: 6 }) throw new InvalidOperationException($"queue {QueueUrl}: RedrivePolicy deadLetterTargetArn '{arn}' is not an SQS ARN");
        var response = await _sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = parts[5], QueueOwnerAWSAccountId = parts[4] }, ct);
        return response.QueueUrl;
    }
}
