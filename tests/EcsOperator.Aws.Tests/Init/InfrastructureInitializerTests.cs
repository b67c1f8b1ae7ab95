using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Aws.Init;
using EcsOperator.Aws.Sqs;
using EcsOperator.Aws.Tests.DynamoDb;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Init;

public sealed class InfrastructureInitializerTests(MotoServer moto) : IClassFixture<MotoServer>
{
    [SkippableFact]
    public async Task Init_creates_then_finds_everything_and_aws_sees_it()
    {
        moto.SkipIfUnavailable();
        var table = MotoAws.Name("tbl");
        var queue = MotoAws.Name("jobs");

        var first = await MotoAws.InitAsync(moto, table, queue, maxReceiveCount: 3);
        Assert.All(first.Resources, r => Assert.Equal(InitOutcome.Created, r.Outcome));
        var lines = first.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(9, lines.Length);
        Assert.StartsWith($"table {table}: created", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"queue {queue}: created", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"dead-letter-queue {queue}-dlq: created", lines[2], StringComparison.Ordinal);
        Assert.StartsWith($"events-dead-letter-queue {queue}-events-dlq: created", lines[3], StringComparison.Ordinal);
        Assert.StartsWith($"events-queue {queue}-events: created", lines[4], StringComparison.Ordinal);
        Assert.Equal(["ecs", "cloudwatch", "ec2", "autoscaling"], lines[5..].Select(l => l.Split(':')[0].Split('-')[^1]));
        Assert.All(lines[5..], l => Assert.StartsWith($"event-rule {queue}-events-", l, StringComparison.Ordinal));
        Assert.NotNull(first.EventsQueueUrl);

        var second = await MotoAws.InitAsync(moto, table, queue, maxReceiveCount: 3);
        Assert.All(second.Resources, r => Assert.Equal(InitOutcome.Found, r.Outcome));
        Assert.Equal(first.QueueUrl, second.QueueUrl);
        Assert.Equal(first.TableStreamArn, second.TableStreamArn);

        using var db = DynamoDbClients.Create(MotoAws.Connection(moto));
        var described = (await db.DescribeTableAsync(table)).Table;
        Assert.Equal(StreamViewType.NEW_AND_OLD_IMAGES, described.StreamSpecification.StreamViewType);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, described.BillingModeSummary.BillingMode);
        Assert.Equal("pk", Assert.Single(described.KeySchema).AttributeName);
        var ttl = await db.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table });
        Assert.Equal("ttl", ttl.TimeToLiveDescription.AttributeName);

        using var sqs = SqsClients.Create(MotoAws.Connection(moto));
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = first.QueueUrl, AttributeNames = ["RedrivePolicy"] });
        var redrive = JsonNode.Parse(attributes.Attributes["RedrivePolicy"])!;
        Assert.EndsWith($":{queue}-dlq", redrive["deadLetterTargetArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("3", redrive["maxReceiveCount"]!.ToString());

        var changed = await MotoAws.InitAsync(moto, table, queue, maxReceiveCount: 7);
        Assert.Equal(InitOutcome.Updated, changed.Find(InfrastructureInitializer.QueueType)!.Outcome);
        Assert.Equal(InitOutcome.Found, changed.Find(InfrastructureInitializer.TableType)!.Outcome);
    }

    [SkippableFact]
    public async Task Init_adds_streams_and_ttl_to_an_existing_plain_table()
    {
        moto.SkipIfUnavailable();
        var table = MotoAws.Name("plain");
        await MotoAws.CreatePlainTableAsync(moto, table);

        var report = await MotoAws.InitAsync(moto, table, MotoAws.Name("jobs"));
        Assert.Equal(InitOutcome.Updated, report.Find(InfrastructureInitializer.TableType)!.Outcome);
        Assert.NotNull(report.TableStreamArn);
    }

    [Fact]
    public void Options_are_validated_with_the_flag_named()
    {
        var errors = new InitOptions(new AwsConnection(null, null, null), "", "q") { MaxReceiveCount = 0 }.Validate();
        Assert.Contains(errors, e => e.StartsWith("--table", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--max-receive-count", StringComparison.Ordinal));
        Assert.Empty(new InitOptions(new AwsConnection(null, null, null), "t", "q").Validate());
    }
}

public sealed class StoreEpochOnMotoTests(MotoServer moto) : IClassFixture<MotoServer>
{
    [SkippableFact]
    public async Task Init_writes_the_store_epoch_once_and_a_recreated_table_gets_a_new_one()
    {
        moto.SkipIfUnavailable();
        var table = MotoAws.Name("epoch");
        var queue = MotoAws.Name("jobs");
        var first = await MotoAws.InitAsync(moto, table, queue);
        var line = first.Find(InfrastructureInitializer.TableType)!.Detail;
        var epoch = line[(line.LastIndexOf("store epoch ", StringComparison.Ordinal) + "store epoch ".Length)..];
        Assert.Matches("^[0-9a-f]{16}$", epoch);

        using var db = DynamoDbClients.Create(MotoAws.Connection(moto));
        using var store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System);
        Assert.Equal(epoch, await store.ReadEpochAsync(default));
        Assert.Equal(epoch, await store.EnsureEpochAsync(default));
        // A second init finds it and keeps it; listings never return the item.
        var second = await MotoAws.InitAsync(moto, table, queue);
        Assert.Equal(InitOutcome.Found, second.Find(InfrastructureInitializer.TableType)!.Outcome);
        Assert.EndsWith("store epoch " + epoch, second.Find(InfrastructureInitializer.TableType)!.Detail, StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync(null, null, default));

        // The table deleted and made again (a restore gone wrong, a new environment): a new identity.
        await db.DeleteTableAsync(table);
        await MotoAws.InitAsync(moto, table, queue);
        var again = await store.ReadEpochAsync(default);
        Assert.NotNull(again);
        Assert.NotEqual(epoch, again);
    }

    [SkippableFact]
    public async Task A_table_without_an_epoch_gets_one_written_once_by_the_first_operator()
    {
        moto.SkipIfUnavailable();
        var table = MotoAws.Name("noepoch");
        await MotoAws.CreatePlainTableAsync(moto, table);
        using var store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System);
        Assert.Null(await store.ReadEpochAsync(default));
        var epoch = await store.EnsureEpochAsync(default);
        // Another process asking later gets the same; a second write is refused by its condition. (Concurrent writers
        // are not tried here: moto checks a condition and writes in separate steps, DynamoDB does not.)
        using var other = DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System);
        Assert.Equal(epoch, await other.EnsureEpochAsync(default));
        using var db = DynamoDbClients.Create(MotoAws.Connection(moto));
        Assert.Null(await DynamoDbResourceStore.TryWriteEpochAsync(db, table, "ffffffffffffffff", TimeProvider.System, default));
        Assert.Equal(epoch, await store.ReadEpochAsync(default));
    }
}
