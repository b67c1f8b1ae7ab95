using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Aws.DynamoDb;

public sealed partial class DynamoDbResourceStore
{
    public async Task<PutResult> PutAsync(ResourceKey key, string manifest, string? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        for (var attempt = 1; ; attempt++)
        {
            var item = await ReadItemAsync(key.Pk, ct);
            var current = item is null ? null : ToResource(key, item);
            CheckExpected(key, current, expectedVersion);
            if (current is not null && string.Equals(current.Manifest, manifest, StringComparison.Ordinal))
                return new PutResult(PutOutcome.Unchanged, current);

            var hash = StoredResource.HashManifest(manifest);
            var now = _time.GetUtcNow();
            var generation = (current?.Generation ?? 0) + 1;
            var versionPart = StoreItem.NewVersionPart();
            var request = new UpdateItemRequest
            {
                TableName = _table,
                Key = StoreItem.KeyOf(key.Pk),
                UpdateExpression = "SET #m = :m, #g = :g, #h = :h, #v = :v, #u = :u, #c = if_not_exists(#c, :u)",
                ExpressionAttributeNames = new()
                {
                    ["#c"] = StoreItem.CreatedAt,
                    ["#m"] = StoreItem.Manifest, ["#g"] = StoreItem.Generation, ["#h"] = StoreItem.ManifestHash,
                    ["#v"] = StoreItem.Version, ["#u"] = StoreItem.UpdatedAt,
                },
                ExpressionAttributeValues = new()
                {
                    [":m"] = StoreItem.Text(manifest), [":g"] = StoreItem.Number(generation), [":h"] = StoreItem.Text(hash),
                    [":v"] = StoreItem.Text(versionPart), [":u"] = StoreItem.Text(Format(now)),
                },
            };
            PinTo(request, item);
            try
            {
                await _db.UpdateItemAsync(request, ct);
            }
            catch (ConditionalCheckFailedException) when (expectedVersion is null && attempt < _options.MaxWriteAttempts)
            {
                continue;
            }
            catch (ConditionalCheckFailedException)
            {
                throw new ConcurrencyException(key, "the item was changed by another writer");
            }

            var stored = new StoredResource(key, manifest, generation, current?.Status, $"{versionPart}:{hash[..16]}")
            {
                CreatedAt = current?.CreatedAt ?? now,
            };
            return new PutResult(current is null ? PutOutcome.Created : PutOutcome.Configured, stored);
        }
    }

    public async Task<bool> UpdateStatusAsync(ResourceKey key, string manifestHash, JsonObject status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(status);
        var json = status.ToJsonString();
        var bytes = StatusTooLargeException.ThrowIfOverBudget(key, json);
        var item = await ReadItemAsync(key.Pk, ct);
        if (item is null || StoreItem.GetString(item, StoreItem.Manifest) is not { } manifest) return false;
        if (!string.Equals(StoredResource.HashManifest(manifest), manifestHash, StringComparison.Ordinal)) return false;

        // Also records the generation of a raw-written manifest, so it stays what readers were shown.
        var generation = StoreItem.ToResource(key, item, out _).Generation;
        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = StoreItem.KeyOf(key.Pk),
            UpdateExpression = "SET #s = :s, #g = :g, #h = :h, #v = :v, #u = :u",
            ConditionExpression = "#m = :cm",
            ExpressionAttributeNames = new()
            {
                ["#s"] = StoreItem.Status, ["#g"] = StoreItem.Generation, ["#h"] = StoreItem.ManifestHash,
                ["#v"] = StoreItem.Version, ["#u"] = StoreItem.UpdatedAt, ["#m"] = StoreItem.Manifest,
            },
            ExpressionAttributeValues = new()
            {
                [":s"] = StoreItem.Text(json), [":g"] = StoreItem.Number(generation),
                [":h"] = StoreItem.Text(manifestHash), [":v"] = StoreItem.Text(StoreItem.NewVersionPart()),
                [":u"] = StoreItem.Text(Now()), [":cm"] = StoreItem.Text(manifest),
            },
        };
        try
        {
            await _db.UpdateItemAsync(request, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (AmazonDynamoDBException e) when (e.Message.Contains("Item size", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("exceeded the maximum allowed size", StringComparison.OrdinalIgnoreCase))
        {
            throw new StatusTooLargeException(key, bytes, $"the item would exceed DynamoDB's 400 KB limit ({e.Message})", e);
        }
    }

    public async Task<bool> DeleteAsync(ResourceKey key, string? expectedVersion, CancellationToken ct)
    {
        if (expectedVersion is null)
        {
            var deleted = await OnTableAsync(() => _db.DeleteItemAsync(
                new DeleteItemRequest { TableName = _table, Key = StoreItem.KeyOf(key.Pk), ReturnValues = ReturnValue.ALL_OLD }, ct));
            return deleted.Attributes is { Count: > 0 };
        }

        var item = await ReadItemAsync(key.Pk, ct);
        if (item is null) return false;
        CheckExpected(key, ToResource(key, item), expectedVersion);
        var request = new DeleteItemRequest { TableName = _table, Key = StoreItem.KeyOf(key.Pk) };
        var (condition, names, values) = Pin(item);
        request.ConditionExpression = condition;
        request.ExpressionAttributeNames = names;
        request.ExpressionAttributeValues = values;
        try
        {
            await _db.DeleteItemAsync(request, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            if (await ReadItemAsync(key.Pk, ct) is null) return false;
            throw new ConcurrencyException(key, $"expected version {expectedVersion}, the item was changed by another writer");
        }
    }

    private static void CheckExpected(ResourceKey key, StoredResource? current, string? expectedVersion)
    {
        if (expectedVersion is null) return;
        if (expectedVersion == Versions.MustNotExist)
        {
            if (current is not null) throw new ConcurrencyException(key, "already exists");
            return;
        }

        if (current is null) throw new ConcurrencyException(key, $"expected version {expectedVersion}, but the item does not exist");
        if (!string.Equals(current.Version, expectedVersion, StringComparison.Ordinal))
            throw new ConcurrencyException(key, $"expected version {expectedVersion}, found {current.Version}");
    }

    /// <summary>Conditions <paramref name="request"/> on the item being exactly as read (or still absent).</summary>
    private static void PinTo(UpdateItemRequest request, Dictionary<string, AttributeValue>? item)
    {
        var (condition, names, values) = Pin(item);
        request.ConditionExpression = condition;
        foreach (var (k, v) in names) request.ExpressionAttributeNames[k] = v;
        foreach (var (k, v) in values) request.ExpressionAttributeValues[k] = v;
    }

    private static (string Condition, Dictionary<string, string> Names, Dictionary<string, AttributeValue> Values) Pin(
        Dictionary<string, AttributeValue>? item)
    {
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        if (item is null)
        {
            names["#pk"] = StoreItem.Pk;
            return ("attribute_not_exists(#pk)", names, values);
        }

        names["#pm"] = StoreItem.Manifest;
        names["#pv"] = StoreItem.Version;
        var manifest = StoreItem.GetString(item, StoreItem.Manifest);
        string condition;
        if (manifest is null)
        {
            names["#pk"] = StoreItem.Pk;
            condition = "attribute_exists(#pk) AND attribute_not_exists(#pm)";
        }
        else
        {
            values[":pm"] = StoreItem.Text(manifest);
            condition = "#pm = :pm";
        }

        if (StoreItem.GetString(item, StoreItem.Version) is { } version)
        {
            values[":pv"] = StoreItem.Text(version);
            condition += " AND #pv = :pv";
        }
        else
        {
            condition += " AND attribute_not_exists(#pv)";
        }

        return (condition, names, values);
    }

    private string Now() => Format(_time.GetUtcNow());

    private static string Format(DateTimeOffset t) => Core.Model.Rfc3339.Format(t);
}
