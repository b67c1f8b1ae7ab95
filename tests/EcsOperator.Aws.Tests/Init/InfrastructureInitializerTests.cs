using System.Text.Json.Nodes;
using EcsOperator.Aws.Init;
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
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"table {table}: created", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"queue {queue}: created", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"dead-letter-queue {queue}-dlq: created", lines[2], StringComparison.Ordinal);

        var second = await MotoAws.InitAsync(moto, table, queue, maxReceiveCount: 3);
        Assert.All(second.Resources, r => Assert.Equal(InitOutcome.Found, r.Outcome));
        Assert.Equal(first.QueueUrl, second.QueueUrl);
        Assert.Equal(first.TableStreamArn, second.TableStreamArn);

        var described = JsonNode.Parse((await moto.AwsCliAsync("dynamodb", "describe-table", "--table-name", table)).Stdout)!["Table"]!;
        Assert.Equal("NEW_AND_OLD_IMAGES", described["StreamSpecification"]!["StreamViewType"]!.GetValue<string>());
        Assert.Equal("PAY_PER_REQUEST", described["BillingModeSummary"]!["BillingMode"]!.GetValue<string>());
        var ttl = JsonNode.Parse((await moto.AwsCliAsync("dynamodb", "describe-time-to-live", "--table-name", table)).Stdout)!;
        Assert.Equal("ttl", ttl["TimeToLiveDescription"]!["AttributeName"]!.GetValue<string>());

        var attributes = JsonNode.Parse((await moto.AwsCliAsync("sqs", "get-queue-attributes", "--queue-url", first.QueueUrl!,
            "--attribute-names", "RedrivePolicy")).Stdout)!;
        var redrive = JsonNode.Parse(attributes["Attributes"]!["RedrivePolicy"]!.GetValue<string>())!;
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
        var created = await moto.AwsCliAsync("dynamodb", "create-table", "--table-name", table,
            "--attribute-definitions", "AttributeName=pk,AttributeType=S", "--key-schema", "AttributeName=pk,KeyType=HASH",
            "--billing-mode", "PAY_PER_REQUEST");
        Assert.True(created.ExitCode == 0, created.Stderr);

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
