using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Aws.DynamoDb;

public sealed partial class DynamoDbResourceStore
{
    private const string EventsAttribute = "events";

    private sealed record EventRow(string Type, string Reason, string Message, int Count, DateTimeOffset First, DateTimeOffset Last);

    public async Task RecordAsync(ResourceKey key, ResourceEvent evt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var pk = StoreItem.EventPrefix + key.Pk;
        for (var attempt = 1; ; attempt++)
        {
            var item = await ReadItemAsync(pk, ct);
            var now = _time.GetUtcNow();
            var merged = EventAggregation.Merge(item is null ? [] : ReadRows(pk, item).Select(r => new ResourceEvent(key, r.Type, r.Reason, r.Message, r.Count, r.First, r.Last)),
                evt, now, _options.EventTtl, _options.MaxEventsPerResource);
            var rows = merged.Select(e => new EventRow(e.Type, e.Reason, e.Message, e.Count, e.FirstTimestamp, e.LastTimestamp)).ToList();

            var request = new UpdateItemRequest
            {
                TableName = _table,
                Key = StoreItem.KeyOf(pk),
                UpdateExpression = "SET #e = :e, #t = :t, #v = :v",
                ExpressionAttributeNames = new() { ["#e"] = EventsAttribute, ["#t"] = StoreItem.Ttl, ["#v"] = StoreItem.Version },
                ExpressionAttributeValues = new()
                {
                    [":e"] = StoreItem.Text(JsonSerializer.Serialize(rows)),
                    [":t"] = StoreItem.Number((now + _options.EventTtl).ToUnixTimeSeconds()),
                    [":v"] = StoreItem.Text(StoreItem.NewVersionPart()),
                },
            };
            if (item is null)
            {
                request.ConditionExpression = "attribute_not_exists(#pk)";
                request.ExpressionAttributeNames["#pk"] = StoreItem.Pk;
            }
            else
            {
                request.ConditionExpression = "#v = :cv";
                request.ExpressionAttributeValues[":cv"] = StoreItem.Text(StoreItem.GetString(item, StoreItem.Version) ?? "");
            }

            try
            {
                await _db.UpdateItemAsync(request, ct);
                return;
            }
            catch (ConditionalCheckFailedException) when (attempt < _options.MaxWriteAttempts)
            {
            }
        }
    }

    async Task<IReadOnlyList<ResourceEvent>> IEventStore.ListAsync(ResourceKey? key, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var events = new List<ResourceEvent>();
        if (key is { } one)
        {
            var pk = StoreItem.EventPrefix + one.Pk;
            if (await ReadItemAsync(pk, ct) is { } item) Collect(one, pk, item);
        }
        else
        {
            await foreach (var item in ScanAsync(StoreItem.EventPrefix, ct))
            {
                var pk = StoreItem.GetString(item, StoreItem.Pk) ?? "";
                if (ResourceKey.TryParse(pk[StoreItem.EventPrefix.Length..], out var k)) Collect(k, pk, item);
            }
        }

        return [.. events.OrderBy(e => e.FirstTimestamp).ThenBy(e => e.LastTimestamp)];

        void Collect(ResourceKey k, string pk, Dictionary<string, AttributeValue> item)
        {
            foreach (var r in ReadRows(pk, item))
            {
                if (r.Last + _options.EventTtl > now) events.Add(new ResourceEvent(k, r.Type, r.Reason, r.Message, r.Count, r.First, r.Last));
            }
        }
    }

    private List<EventRow> ReadRows(string pk, Dictionary<string, AttributeValue> item)
    {
        try
        {
            return StoreItem.GetString(item, EventsAttribute) is { } text ? JsonSerializer.Deserialize<List<EventRow>>(text) ?? [] : [];
        }
        catch (JsonException)
        {
            Log.BadEvents(_log, _table, pk);
            return [];
        }
    }
}
