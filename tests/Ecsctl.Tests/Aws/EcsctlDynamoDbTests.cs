using System.Text.Json.Nodes;
using EcsOperator.Aws;
using EcsOperator.Aws.Init;
using EcsOperator.TestUtilities.Moto;

namespace Ecsctl.Tests.Aws;

/// <summary>ecsctl against a DynamoDB table on moto: the user's raw put-item path, then <c>ecsctl --table</c>.</summary>
public sealed class EcsctlDynamoDbTests(MotoServer moto) : IClassFixture<MotoServer>
{
    static EcsctlDynamoDbTests()
    {
        // The SDK's default credential chain reads these; moto accepts any. Same values wherever they are set.
        foreach (var (name, value) in new[] { ("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing") })
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) Environment.SetEnvironmentVariable(name, value);
        }
    }

    private async Task<string> NewTableAsync()
    {
        var table = "ecsctl-" + Guid.NewGuid().ToString("N")[..12];
        var options = new InitOptions(new AwsConnection(moto.Region, null, moto.Endpoint), table, table + "-jobs");
        await new InfrastructureInitializer(TimeProvider.System).InitAsync(options, CancellationToken.None);
        return table;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> PutItemAsync(string table, string pk, string manifest) =>
        moto.AwsCliAsync("dynamodb", "put-item", "--table-name", table, "--item",
            new JsonObject { ["pk"] = new JsonObject { ["S"] = pk }, ["manifest"] = new JsonObject { ["S"] = manifest } }.ToJsonString());

    private async Task<CliResult> EcsctlAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await EcsctlProgram.MainAsync(args, TextReader.Null, stdout, stderr);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    [SkippableFact]
    public async Task A_manifest_put_with_the_aws_cli_is_shown_by_ecsctl_get_and_a_malformed_one_is_listed_invalid()
    {
        moto.SkipIfUnavailable();
        var table = await NewTableAsync();
        var web = await File.ReadAllTextAsync(Path.Combine(CliHarness.Samples, "apps", "web.yaml"));
        var put = await PutItemAsync(table, "App/default/web", web);
        Assert.True(put.ExitCode == 0, put.Stderr);
        var bad = await PutItemAsync(table, "App/default/broken", "apiVersion: ecs.operator/v1\nkind: App\nmetadata: {name: broken\nspec: [");
        Assert.True(bad.ExitCode == 0, bad.Stderr);

        var got = await EcsctlAsync("--table", table, "--endpoint-url", moto.Endpoint, "--region", moto.Region, "get", "apps", "-o", "json");
        Assert.True(got.Exit == 0, got.ToString());
        var items = JsonNode.Parse(got.Out)!["items"]!.AsArray();
        var webItem = Assert.Single(items, i => i!["metadata"]?["name"]?.GetValue<string>() == "web");
        Assert.Equal("App", webItem!["kind"]!.GetValue<string>());
        Assert.Equal("app", webItem["spec"]!["cluster"]!.GetValue<string>());
        var broken = Assert.Single(items, i => i!["invalid"] is not null);
        Assert.NotEmpty(broken!["invalid"]!["errors"]!.AsArray());

        var misnamed = await PutItemAsync(table, "app/default/web", web);
        Assert.True(misnamed.ExitCode == 0, misnamed.Stderr);
        var listed = await EcsctlAsync("get", "apps", "--table", table, "--endpoint-url", moto.Endpoint);
        Assert.True(listed.Exit == 0, listed.ToString());
        Assert.Contains("warning: Table " + table + ": item 'app/default/web' is not a resource key", listed.Err, StringComparison.Ordinal);
        Assert.Contains(listed.OutLines, l => l.StartsWith("broken", StringComparison.Ordinal) && l.Contains("Invalid", StringComparison.Ordinal));
        Assert.Contains(listed.OutLines, l => l.StartsWith("web", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Apply_and_delete_through_ecsctl_land_in_the_table()
    {
        moto.SkipIfUnavailable();
        var table = await NewTableAsync();
        var pool = ApplyTests.Pool(2);
        var dir = Directory.CreateTempSubdirectory("ecsctl-aws-");
        try
        {
            var file = Path.Combine(dir.FullName, "pool.yaml");
            await File.WriteAllTextAsync(file, pool);
            var applied = await EcsctlAsync("apply", "-f", file, "--table", table, "--endpoint-url", moto.Endpoint);
            Assert.True(applied.Exit == 0, applied.ToString());

            var scan = await moto.AwsCliAsync("dynamodb", "get-item", "--table-name", table, "--key", """{"pk":{"S":"CapacityPool/default/nodes"}}""");
            var stored = JsonNode.Parse(scan.Stdout)!["Item"]!;
            Assert.Contains("autoScalingGroupName: nodes-asg", stored["manifest"]!["S"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("1", stored["generation"]!["N"]!.GetValue<string>());

            var deleted = await EcsctlAsync("delete", "cp", "nodes", "--table", table, "--endpoint-url", moto.Endpoint);
            Assert.True(deleted.Exit == 0, deleted.ToString());
            var marked = await moto.AwsCliAsync("dynamodb", "get-item", "--table-name", table, "--key", """{"pk":{"S":"CapacityPool/default/nodes"}}""");
            Assert.NotNull(JsonNode.Parse(marked.Stdout)!["Item"]!["deletionRequested"]?["S"]);   // the operator finishes the deletion
            var after = await EcsctlAsync("get", "cp", "--table", table, "--endpoint-url", moto.Endpoint);
            Assert.Contains("Terminating", after.Out, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public async Task A_missing_table_is_an_error_that_names_it()
    {
        moto.SkipIfUnavailable();
        var result = await EcsctlAsync("get", "apps", "--table", "no-such-table", "--endpoint-url", moto.Endpoint, "--region", moto.Region);
        Assert.Equal(1, result.Exit);
        Assert.Contains("DynamoDB table 'no-such-table' does not exist", result.Err, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Aws_flags_without_a_table_or_with_a_state_dir_are_usage_errors()
    {
        var noTable = await EcsctlAsync("get", "apps", "--region", "eu-west-1", "--state-dir", Path.GetTempPath());
        Assert.Equal(2, noTable.Exit);
        Assert.Contains("--region applies to a DynamoDB table", noTable.Err, StringComparison.Ordinal);
        var both = await EcsctlAsync("get", "apps", "--table", "t", "--state-dir", Path.GetTempPath());
        Assert.Equal(2, both.Exit);
    }
}
