using Amazon.DynamoDBv2.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Aws.DynamoDb;

public sealed partial class DynamoDbResourceStore
{
    /// <summary>Sets <c>deletionRequested</c> (kept when already set) on an existing item; the equivalent by hand is
    /// <c>aws dynamodb update-item --key '{"pk":{"S":"App/default/web"}}' --update-expression "SET deletionRequested = :t"
    /// --condition-expression "attribute_exists(pk)" --expression-attribute-values '{":t":{"S":"2026-01-01T00:00:00Z"}}'</c>.</summary>
    public async Task<bool> MarkForDeletionAsync(ResourceKey key, CancellationToken ct)
    {
        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = StoreItem.KeyOf(key.Pk),
            UpdateExpression = "SET #d = if_not_exists(#d, :d), #v = :v, #u = :u",
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new()
            {
                ["#d"] = StoreItem.DeletionRequested, ["#v"] = StoreItem.Version, ["#u"] = StoreItem.UpdatedAt, ["#pk"] = StoreItem.Pk,
            },
            ExpressionAttributeValues = new()
            {
                [":d"] = StoreItem.Text(Format(_time.GetUtcNow())), [":v"] = StoreItem.Text(StoreItem.NewVersionPart()),
                [":u"] = StoreItem.Text(Format(_time.GetUtcNow())),
            },
        };
        try
        {
            await OnTableAsync(() => _db.UpdateItemAsync(request, ct));
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
