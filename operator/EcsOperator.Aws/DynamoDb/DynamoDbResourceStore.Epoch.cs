using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Core.Store;

namespace EcsOperator.Aws.DynamoDb;

/// <summary>The store epoch: one <c>_epoch</c> item in the table, put with <c>attribute_not_exists</c> so it is written
/// once. A deleted and re-created table gets a new one. Operator keys start with '_', so listings never return it.</summary>
public sealed partial class DynamoDbResourceStore : IStoreEpochStore
{
    private const string EpochAttribute = "epoch";

    public async Task<string?> ReadEpochAsync(CancellationToken ct) =>
        await ReadItemAsync(StoreItem.EpochKey, ct) is { } item ? StoreItem.GetString(item, EpochAttribute) : null;

    public async Task<string> EnsureEpochAsync(CancellationToken ct)
    {
        if (await ReadEpochAsync(ct) is { } epoch) return epoch;
        var written = await TryWriteEpochAsync(_db, _table, StoreEpochs.New(), _time, ct);
        return written ?? await ReadEpochAsync(ct) ?? throw new InvalidOperationException($"table {_table} has no store epoch after writing one");
    }

    /// <summary>Puts the epoch item unless one exists; returns <paramref name="epoch"/> when it was written, null when
    /// the table had one already. Used by <c>ecs-operator init</c> too.</summary>
    internal static async Task<string?> TryWriteEpochAsync(IAmazonDynamoDB db, string table, string epoch, TimeProvider time, CancellationToken ct)
    {
        var item = StoreItem.KeyOf(StoreItem.EpochKey);
        item[EpochAttribute] = StoreItem.Text(epoch);
        item[StoreItem.CreatedAt] = StoreItem.Number(time.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            await db.PutItemAsync(new PutItemRequest
            {
                TableName = table,
                Item = item,
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = StoreItem.Pk },
            }, ct);
            return epoch;
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    /// <summary>Reads the epoch straight from a table (for <c>init</c>, which has no store object).</summary>
    internal static async Task<string?> ReadEpochAsync(IAmazonDynamoDB db, string table, CancellationToken ct)
    {
        var resp = await db.GetItemAsync(new GetItemRequest { TableName = table, Key = StoreItem.KeyOf(StoreItem.EpochKey), ConsistentRead = true }, ct);
        return resp.Item is { Count: > 0 } item ? StoreItem.GetString(item, EpochAttribute) : null;
    }
}
