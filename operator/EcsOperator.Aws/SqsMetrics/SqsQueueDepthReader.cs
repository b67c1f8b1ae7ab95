using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Scaling;

namespace EcsOperator.Aws.SqsMetrics;

/// <summary>queueTriggers' depth: one GetQueueAttributes per queue for ApproximateNumberOfMessages (visible) and
/// ApproximateNumberOfMessagesNotVisible (in flight), as KEDA's SQS scaler counts them.</summary>
public sealed class SqsQueueDepthReader(IAmazonSQS sqs) : IQueueDepthReader
{
    /// <summary>A reader with its own SQS client, configured like the job queue's (region, profile, endpoint).</summary>
    public static SqsQueueDepthReader Create(AwsConnection connection, out IDisposable client)
    {
        var sqsClient = Sqs.SqsClients.Create(connection);
        client = sqsClient;
        return new SqsQueueDepthReader(sqsClient);
    }

    private static readonly List<string> Attributes = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"];

    public async Task<QueueDepth> GetDepthAsync(string queueUrl, CancellationToken ct)
    {
        GetQueueAttributesResponse response;
        try
        {
            response = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = Attributes }, ct);
        }
        catch (AmazonSQSException e)
        {
            throw AwsApiException.From(e.ErrorCode ?? "SqsError", e.Message, (int)e.StatusCode, e);
        }
        var attributes = response.Attributes ?? [];
        return new QueueDepth(Read(attributes, Attributes[0]), Read(attributes, Attributes[1]));
    }

    private static long Read(Dictionary<string, string> attributes, string name) =>
        attributes.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Math.Max(0, n) : 0;
}
