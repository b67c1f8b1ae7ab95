using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Aws.DynamoDb;

namespace EcsOperator.Aws.Init;

public sealed partial class InfrastructureInitializer
{
    public const string TableType = "table";

    private async Task<(InitResource Resource, string? StreamArn)> EnsureTableAsync(IAmazonDynamoDB db, InitOptions options, CancellationToken ct)
    {
        var outcome = InitOutcome.Found;
        var table = await DescribeTableAsync(db, options.TableName, ct);
        if (table is null)
        {
            try
            {
                await db.CreateTableAsync(new CreateTableRequest
                {
                    TableName = options.TableName,
                    AttributeDefinitions = [new AttributeDefinition(StoreItem.Pk, ScalarAttributeType.S)],
                    KeySchema = [new KeySchemaElement(StoreItem.Pk, KeyType.HASH)],
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                    StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES },
                }, ct);
                outcome = InitOutcome.Created;
            }
            catch (ResourceInUseException)
            {
                // Created concurrently by another init: found.
            }

            table = await WaitActiveAsync(db, options, ct);
        }
        else if (table.StreamSpecification?.StreamEnabled != true)
        {
            await db.UpdateTableAsync(new UpdateTableRequest
            {
                TableName = options.TableName,
                StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES },
            }, ct);
            outcome = InitOutcome.Updated;
            table = await WaitActiveAsync(db, options, ct);
        }

        var ttl = await db.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = options.TableName }, ct);
        var ttlStatus = ttl.TimeToLiveDescription?.TimeToLiveStatus;
        if (ttlStatus != TimeToLiveStatus.ENABLED && ttlStatus != TimeToLiveStatus.ENABLING)
        {
            await db.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = options.TableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = StoreItem.Ttl, Enabled = true },
            }, ct);
            if (outcome == InitOutcome.Found) outcome = InitOutcome.Updated;
        }
        else if (ttl.TimeToLiveDescription?.AttributeName != StoreItem.Ttl)
        {
            throw new InvalidOperationException(
                $"table {options.TableName} has TTL on attribute '{ttl.TimeToLiveDescription?.AttributeName}', the operator needs it on '{StoreItem.Ttl}'");
        }

        // The store's identity, written once: objects the operator creates are tagged with it, and an operator never
        // deletes an object tagged with another store's epoch (a re-created table gets a new one).
        var epoch = await DynamoDbResourceStore.ReadEpochAsync(db, options.TableName, ct);
        if (epoch is null)
        {
            epoch = await DynamoDbResourceStore.TryWriteEpochAsync(db, options.TableName, Core.Store.StoreEpochs.New(), time, ct)
                ?? await DynamoDbResourceStore.ReadEpochAsync(db, options.TableName, ct);
            if (outcome == InitOutcome.Found) outcome = InitOutcome.Updated;
        }
        var detail = $"{table.TableArn}, stream {table.StreamSpecification?.StreamViewType} {table.LatestStreamArn}, ttl on {StoreItem.Ttl}, store epoch {epoch}";
        return (new InitResource(TableType, options.TableName, outcome, detail), table.LatestStreamArn);
    }

    private static async Task<TableDescription?> DescribeTableAsync(IAmazonDynamoDB db, string table, CancellationToken ct)
    {
        try
        {
            return (await db.DescribeTableAsync(new DescribeTableRequest { TableName = table }, ct)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private async Task<TableDescription> WaitActiveAsync(IAmazonDynamoDB db, InitOptions options, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + options.TableActiveTimeout;
        while (true)
        {
            var table = await DescribeTableAsync(db, options.TableName, ct);
            if (table is not null && table.TableStatus == TableStatus.ACTIVE) return table;
            if (time.GetUtcNow() > deadline)
                throw new TimeoutException($"table {options.TableName} did not become ACTIVE within {options.TableActiveTimeout}");
            await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
        }
    }
}
