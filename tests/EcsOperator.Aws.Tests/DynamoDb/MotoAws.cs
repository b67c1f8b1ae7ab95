using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Aws.Init;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.DynamoDb;

/// <summary>Connections and fresh resources on a <see cref="MotoServer"/> for the store, queue and init tests.</summary>
internal static class MotoAws
{
    static MotoAws()
    {
        // The SDK's default credential chain reads these; moto accepts any. Set only when absent, same values everywhere.
        foreach (var (name, value) in new[] { ("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing") })
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) Environment.SetEnvironmentVariable(name, value);
        }
    }

    public static AwsConnection Connection(MotoServer moto) => new(moto.Region, null, moto.Endpoint);

    public static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A fresh table and queue (with dead-letter queue) made by <see cref="InfrastructureInitializer"/>.</summary>
    public static async Task<InitReport> InitAsync(MotoServer moto, string table, string queue, int maxReceiveCount = 5, int visibility = 60)
    {
        var options = new InitOptions(Connection(moto), table, queue) { MaxReceiveCount = maxReceiveCount, VisibilityTimeoutSeconds = visibility };
        return await new InfrastructureInitializer(TimeProvider.System).InitAsync(options, CancellationToken.None);
    }

    /// <summary>A fresh table with Streams and TTL; returns its name.</summary>
    public static async Task<string> TableAsync(MotoServer moto)
    {
        var table = Name("tbl");
        await InitAsync(moto, table, Name("q"));
        return table;
    }

    /// <summary>A table with the store's key but no stream and no TTL, as someone might have made by hand.</summary>
    public static async Task CreatePlainTableAsync(MotoServer moto, string table)
    {
        using var db = DynamoDbClients.Create(Connection(moto));
        await db.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
    }
}
