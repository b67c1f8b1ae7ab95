using Amazon.DynamoDBv2.Model;
using EcsOperator.Core.Store;

namespace EcsOperator.Aws.DynamoDb;

/// <summary>Claims: one <c>_claim/&lt;name&gt;</c> item holding the owner, created with <c>attribute_not_exists</c> and
/// deleted only on the owner's condition.</summary>
public sealed partial class DynamoDbResourceStore : IClaimStore
{
    private const string OwnerAttribute = "owner";

    public async Task<string> ClaimAsync(string name, string owner, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var pk = StoreItem.ClaimPrefix + name;
        if (await ReadItemAsync(pk, ct) is { } held && StoreItem.GetString(held, OwnerAttribute) is { } holder) return holder;
        var item = StoreItem.KeyOf(pk);
        item[OwnerAttribute] = StoreItem.Text(owner);
        item[StoreItem.CreatedAt] = StoreItem.Number(_time.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            await OnTableAsync(() => _db.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = item,
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = StoreItem.Pk },
            }, ct));
            return owner;
        }
        catch (ConditionalCheckFailedException)
        {
            // Claimed by someone else between the read and the write; released again meanwhile means try once more.
            var now = await ReadItemAsync(pk, ct);
            return now is null ? await ClaimAsync(name, owner, ct) : StoreItem.GetString(now, OwnerAttribute) ?? "";
        }
    }

    public async Task<bool> ReleaseClaimAsync(string name, string owner, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            await OnTableAsync(() => _db.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _table,
                Key = StoreItem.KeyOf(StoreItem.ClaimPrefix + name),
                ConditionExpression = "#o = :o",
                ExpressionAttributeNames = new() { ["#o"] = OwnerAttribute },
                ExpressionAttributeValues = new() { [":o"] = StoreItem.Text(owner) },
            }, ct));
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false; // held by someone else, or free already
        }
    }
}
