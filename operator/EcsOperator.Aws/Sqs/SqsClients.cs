using Amazon.SQS;

namespace EcsOperator.Aws.Sqs;

/// <summary>Builds the SQS client for a connection; the SDK's own retries stay on (no Polly pipeline owns SQS calls).</summary>
internal static class SqsClients
{
    public static AmazonSQSClient Create(AwsConnection connection) => new(connection.ApplyTo(new AmazonSQSConfig { MaxErrorRetry = 5 }));
}
