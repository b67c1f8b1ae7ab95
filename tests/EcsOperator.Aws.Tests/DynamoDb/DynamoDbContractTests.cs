using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Contracts;

namespace EcsOperator.Aws.Tests.DynamoDb;

/// <summary>One moto server for the three DynamoDB contract suites (their tests are short; they run one after another).
/// It serves one request at a time, for DynamoDB's atomic conditional writes (see <see cref="AtomicMotoServer"/>).</summary>
[CollectionDefinition(Name)]
public sealed class DynamoDbContractCollection : ICollectionFixture<AtomicMotoServer>
{
    public const string Name = "dynamodb-contracts";
}

/// <summary>A fresh table per contract class on the collection's moto server (tests keep to their own namespace).</summary>
internal static class ContractTables
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Tables = new();

    public static Task<string> ForAsync(AtomicMotoServer moto, Type suite)
    {
        moto.SkipIfUnavailable();
        return Tables.GetOrAdd($"{moto.Endpoint}|{suite.Name}", _ => new Lazy<Task<string>>(() => MotoAws.TableAsync(moto.Connection))).Value;
    }

    /// <summary>A store on <paramref name="suite"/>'s table.</summary>
    public static async Task<DynamoDbResourceStore> StoreAsync(AtomicMotoServer moto, Type suite, TimeProvider time) =>
        DynamoDbResourceStore.Create(moto.Connection, await ForAsync(moto, suite), time, null, null);
}

[Collection(DynamoDbContractCollection.Name)]
public sealed class DynamoDbResourceStoreContractTests(AtomicMotoServer moto) : ResourceStoreContract, IDisposable
{
    private readonly List<DynamoDbResourceStore> _stores = [];
    private string? _table;

    protected override async Task<IResourceStore> CreateStoreAsync()
    {
        _table = await ContractTables.ForAsync(moto, GetType());
        var store = DynamoDbResourceStore.Create(moto.Connection, _table, Time, null, null);
        _stores.Add(store);
        return store;
    }

    protected override async Task RawWriteManifestAsync(ResourceKey key, string manifest)
    {
        using var db = DynamoDbClients.Create(moto.Connection);
        await db.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = _table,
            Key = new() { ["pk"] = new AttributeValue { S = key.Pk } },
            UpdateExpression = "SET manifest = :m",
            ExpressionAttributeValues = new() { [":m"] = new AttributeValue { S = manifest } },
        });
    }

    public void Dispose()
    {
        foreach (var s in _stores) s.Dispose();
    }
}

[Collection(DynamoDbContractCollection.Name)]
public sealed class DynamoDbEventStoreContractTests(AtomicMotoServer moto) : EventStoreContract, IDisposable
{
    private DynamoDbResourceStore? _store;

    protected override async Task<IEventStore> CreateStoreAsync() => _store = await ContractTables.StoreAsync(moto, GetType(), Time);

    public void Dispose() => _store?.Dispose();
}

[Collection(DynamoDbContractCollection.Name)]
public sealed class DynamoDbClaimStoreContractTests(AtomicMotoServer moto) : ClaimStoreContract, IDisposable
{
    private DynamoDbResourceStore? _store;

    protected override async Task<IClaimStore> CreateStoreAsync() => _store = await ContractTables.StoreAsync(moto, GetType(), Time);

    public void Dispose() => _store?.Dispose();
}

[Collection(DynamoDbContractCollection.Name)]
public sealed class DynamoDbLeaseStoreContractTests(AtomicMotoServer moto) : LeaseStoreContract, IDisposable
{
    private DynamoDbResourceStore? _store;

    protected override async Task<ILeaseStore> CreateStoreAsync() => _store = await ContractTables.StoreAsync(moto, GetType(), Time);

    public void Dispose() => _store?.Dispose();
}
