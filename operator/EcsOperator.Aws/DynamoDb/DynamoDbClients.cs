using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace EcsOperator.Aws.DynamoDb;

/// <summary>Builds the DynamoDB client for a connection. The SDK's own retries stay on (with its backoff for
/// throttling): the store has no Polly pipeline of its own.</summary>
internal static class DynamoDbClients
{
    public static AmazonDynamoDBConfig Config(AwsConnection connection) => Configure(connection, new AmazonDynamoDBConfig { MaxErrorRetry = 5 });

    public static AmazonDynamoDBClient Create(AwsConnection connection) => new(Config(connection));

    /// <summary><see cref="AwsConnection.ApplyTo"/>, plus the region of a named profile when neither a region nor an
    /// endpoint is given (the SDK's own fallback reads only the default / <c>AWS_PROFILE</c> profile).</summary>
    public static TConfig Configure<TConfig>(AwsConnection connection, TConfig config) where TConfig : ClientConfig
    {
        connection.ApplyTo(config);
        if (connection.EffectiveEndpointUrl is null && connection.EffectiveRegion is null && connection.ProfileRegion() is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }
}
