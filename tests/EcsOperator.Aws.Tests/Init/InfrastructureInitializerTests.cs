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
