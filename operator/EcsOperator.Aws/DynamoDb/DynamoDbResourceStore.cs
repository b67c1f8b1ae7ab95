using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Aws.DynamoDb;

/// <summary>
/// The desired-state store on one DynamoDB table (the storage contract of <see cref="IResourceStore"/>): one item per resource, <c>pk</c> =
/// <c>&lt;Kind&gt;/&lt;namespace&gt;/&lt;name&gt;</c>, <c>manifest</c> = the text as written. Every operator write is a
/// read followed by an update conditioned on exactly what was read, so no write is lost, no status write recreates a
/// deleted item or lands on a newer manifest. Events and leases are items of the same table under <c>_event/</c> and
/// <c>_lease/</c> keys. Changes are watched through DynamoDB Streams when the table has a stream.
/// </summary>
public sealed partial class DynamoDbResourceStore : IResourceStore, IEventStore, ILeaseStore, IDisposable
{
    private readonly IAmazonDynamoDB _db;
    private readonly DynamoDbStreamsClient? _streams;
    private readonly string _table;
    private readonly TimeProvider _time;
    private readonly DynamoDbStoreOptions _options;
    private readonly ILogger _log;
    private readonly bool _ownsClients;

    internal DynamoDbResourceStore(
        IAmazonDynamoDB db, DynamoDbStreamsClient? streams, string table, TimeProvider time,
        DynamoDbStoreOptions? options = null, ILogger? logger = null, bool ownsClients = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        _db = db;
        _streams = streams;
        _table = table;
        _time = time;
        _options = options ?? new DynamoDbStoreOptions();
        _log = logger ?? NullLogger.Instance;
        _ownsClients = ownsClients;
    }

    /// <summary>A store on <paramref name="table"/> reached through <paramref name="connection"/>.</summary>
    public static DynamoDbResourceStore Create(AwsConnection connection, string table, TimeProvider time) =>
        Create(connection, table, time, null, null);

    public static DynamoDbResourceStore Create(
        AwsConnection connection, string table, TimeProvider time, DynamoDbStoreOptions? options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var db = DynamoDbClients.Create(connection);
        var streams = new DynamoDbStreamsClient(db.Config, connection);
        return new DynamoDbResourceStore(db, streams, table, time, options, logger, ownsClients: true);
    }

    public string TableName => _table;

    /// <summary>Partition keys the last <see cref="ListAsync"/> skipped because they are not resource keys
    /// (each is also logged as a warning).</summary>
    public IReadOnlyList<string> LastInvalidKeys { get; private set; } = [];

    public async Task<StoredResource?> GetAsync(ResourceKey key, CancellationToken ct)
    {
        var item = await ReadItemAsync(key.Pk, ct);
        return item is null ? null : ToResource(key, item);
    }

    /// <remarks>Scans every resource item (a Scan reads, and is billed for, the whole table whatever its filter) and
    /// filters kind and namespace here, so keys that are not resource keys are reported on every listing.</remarks>
    public async Task<IReadOnlyList<StoredResource>> ListAsync(ResourceKind? kind, string? @namespace, CancellationToken ct)
    {
        var result = new List<StoredResource>();
        var invalid = new List<string>();
        await foreach (var item in ScanAsync(null, ct))
        {
            var pk = StoreItem.GetString(item, StoreItem.Pk);
            if (pk is null || StoreItem.IsOperatorKey(pk)) continue;
            if (!ResourceKey.TryParse(pk, out var key))
            {
                invalid.Add(pk);
                Log.InvalidKey(_log, _table, pk);
                continue;
            }

            if ((kind is null || key.Kind == kind) && (@namespace is null || key.Namespace == @namespace)) result.Add(ToResource(key, item));
        }

        LastInvalidKeys = invalid;
        result.Sort((a, b) => ResourceKey.Comparer.Compare(a.Key, b.Key));
        return result;
    }

    /// <summary>Every item whose pk starts with <paramref name="prefix"/> (null: every item but the operator's own
    /// <c>_</c> items), page by page, strongly consistent. Any failed page (after the SDK's retries) throws: the caller
    /// never sees a partial listing.</summary>
    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> ScanAsync(
        string? prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new ScanRequest
            {
                TableName = _table,
                ConsistentRead = true,
                ExclusiveStartKey = start,
                Limit = _options.ScanPageLimit,
                FilterExpression = prefix is null ? "NOT begins_with(#pk, :prefix)" : "begins_with(#pk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = StoreItem.Pk },
                ExpressionAttributeValues = new() { [":prefix"] = StoreItem.Text(prefix ?? "_") },
            };
            var page = await OnTableAsync(() => _db.ScanAsync(request, ct));
            foreach (var item in page.Items ?? []) yield return item;
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
    }

    private async Task<Dictionary<string, AttributeValue>?> ReadItemAsync(string pk, CancellationToken ct)
    {
        var response = await OnTableAsync(() => _db.GetItemAsync(new GetItemRequest { TableName = _table, Key = StoreItem.KeyOf(pk), ConsistentRead = true }, ct));
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Runs a table call, turning "no such table" into a <see cref="TableNotFoundException"/> that names it.</summary>
    private async Task<T> OnTableAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ResourceNotFoundException e)
        {
            throw new TableNotFoundException(_table, e);
        }
    }

    private StoredResource ToResource(ResourceKey key, Dictionary<string, AttributeValue> item)
    {
        var resource = StoreItem.ToResource(key, item, out var problem);
        if (problem is not null) Log.OddItem(_log, _table, key.Pk, problem);
        return resource;
    }

    public void Dispose()
    {
        if (!_ownsClients) return;
        _db.Dispose();
        _streams?.Dispose();
    }
}
