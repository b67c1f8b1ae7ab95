using Amazon.DynamoDBv2;

namespace EcsOperator.Aws.DynamoDb;

/// <summary>Builds the DynamoDB client for a connection. The SDK's own retries stay on (with its adaptive backoff for
/// throttling): the store has no Polly pipeline of its own.</summary>
internal static class DynamoDbClients
{
    public static AmazonDynamoDBConfig Config(AwsConnection connection) =>
        connection.ApplyTo(new AmazonDynamoDBConfig { MaxErrorRetry = 5 });

    public static AmazonDynamoDBClient Create(AwsConnection connection) => new(Config(connection));
}
