using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Core.Store;

namespace EcsOperator.Aws.DynamoDb;

public sealed partial class DynamoDbResourceStore
{
    private const string HolderAttribute = "holder";
    private const string RenewedAtAttribute = "renewedAt";
    private const string ExpiresAtAttribute = "expiresAt";

    public async Task<Lease> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var now = _time.GetUtcNow();
        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = StoreItem.KeyOf(StoreItem.LeasePrefix + name),
            UpdateExpression = "SET #h = :h, #r = :r, #e = :e",
            ConditionExpression = "attribute_not_exists(#pk) OR #h = :h OR #e <= :now",
            ExpressionAttributeNames = new()
            {
                ["#pk"] = StoreItem.Pk, ["#h"] = HolderAttribute, ["#r"] = RenewedAtAttribute, ["#e"] = ExpiresAtAttribute,
            },
            ExpressionAttributeValues = new()
            {
                [":h"] = StoreItem.Text(holder),
                [":r"] = StoreItem.Number(now.ToUnixTimeMilliseconds()),
                [":e"] = StoreItem.Number((now + duration).ToUnixTimeMilliseconds()),
                [":now"] = StoreItem.Number(now.ToUnixTimeMilliseconds()),
            },
        };
        try
        {
            await _db.UpdateItemAsync(request, ct);
            return new Lease(name, holder, FromMs(now.ToUnixTimeMilliseconds()), FromMs((now + duration).ToUnixTimeMilliseconds()));
        }
        catch (ConditionalCheckFailedException)
        {
            var item = await ReadItemAsync(StoreItem.LeasePrefix + name, ct);
            if (item is null) return await TryAcquireAsync(name, holder, duration, ct);
            return new Lease(
                name,
                StoreItem.GetString(item, HolderAttribute) ?? "",
                FromMs(StoreItem.GetNumber(item, RenewedAtAttribute) ?? 0),
                FromMs(StoreItem.GetNumber(item, ExpiresAtAttribute) ?? 0));
        }
    }

    public async Task ReleaseAsync(string name, string holder, CancellationToken ct)
    {
        var request = new DeleteItemRequest
        {
            TableName = _table,
            Key = StoreItem.KeyOf(StoreItem.LeasePrefix + name),
            ConditionExpression = "#h = :h",
            ExpressionAttributeNames = new() { ["#h"] = HolderAttribute },
            ExpressionAttributeValues = new() { [":h"] = StoreItem.Text(holder) },
        };
        try
        {
            await _db.DeleteItemAsync(request, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            // Held by someone else, or free already: nothing of ours to release.
        }
    }

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
