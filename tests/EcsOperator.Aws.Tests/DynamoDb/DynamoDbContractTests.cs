using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Contracts;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.DynamoDb;

/// <summary>One moto server for the three DynamoDB contract suites (their tests are short; they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class DynamoDbContractCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "dynamodb-contracts";
}

/// <summary>A fresh table per contract class on the collection's moto server (tests keep to their own namespace).</summary>
internal static class ContractTables
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Tables = new();

    public static Task<string> ForAsync(MotoServer moto, Type suite)
    {
        moto.SkipIfUnavailable();
        return Tables.GetOrAdd($"{moto.Endpoint}|{suite.Name}", _ => new Lazy<Task<string>>(() => MotoAws.TableAsync(moto))).Value;
    }
}

[Collection(DynamoDbContractCollection.Name)]
public sealed class DynamoDbResourceStoreContractTests(MotoServer moto) : ResourceStoreContract, IDisposable
{
    private readonly List<DynamoDbResourceStore> _stores = [];
    private string? _table;

    protected override async Task<IResourceStore> CreateStoreAsync()
    {
        _table = await ContractTables.ForAsync(moto, GetType());
        var store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), _table, Time, null, null);
        _stores.Add(store);
        return store;
    }

    protected override async Task RawWriteManifestAsync(ResourceKey key, string manifest)
    {
        using var db = DynamoDbClients.Create(MotoAws.Connection(moto));
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
public sealed class DynamoDbEventStoreContractTests(MotoServer moto) : EventStoreContract, IDisposable
{
    private DynamoDbResourceStore? _store;

    protected override async Task<IEventStore> CreateStoreAsync()
    {
        _store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), await ContractTables.ForAsync(moto, GetType()), Time, null, null);
        return _store;
    }

    public void Dispose() => _store?.Dispose();
}

[Collection(DynamoDbContractCollection.Name)]
public sealed class DynamoDbLeaseStoreContractTests(MotoServer moto) : LeaseStoreContract, IDisposable
{
    private DynamoDbResourceStore? _store;

    protected override async Task<ILeaseStore> CreateStoreAsync()
    {
        _store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), await ContractTables.ForAsync(moto, GetType()), Time, null, null);
        return _store;
    }

    public void Dispose() => _store?.Dispose();
}
