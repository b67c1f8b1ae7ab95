using System.Text.Json.Nodes;
using EcsOperator.Aws;
using EcsOperator.Aws.Init;
using EcsOperator.TestUtilities.Moto;

namespace Ecsctl.Tests.Aws;

/// <summary><c>ecsctl set image --table</c> on an item a user wrote with the AWS CLI's put-item, on moto.</summary>
public sealed class SetDynamoDbTests(MotoServer moto) : IClassFixture<MotoServer>
{
    static SetDynamoDbTests()
    {
        foreach (var (name, value) in new[] { ("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing") })
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) Environment.SetEnvironmentVariable(name, value);
        }
    }

    [SkippableFact]
    public async Task Set_image_on_a_put_item_manifest_keeps_its_other_text()
    {
        moto.SkipIfUnavailable();
        var table = "ecsctl-" + Guid.NewGuid().ToString("N")[..12];
        await new InfrastructureInitializer(TimeProvider.System)
            .InitAsync(new InitOptions(new AwsConnection(moto.Region, null, moto.Endpoint), table, table + "-jobs"), CancellationToken.None);
        var web = await File.ReadAllTextAsync(Path.Combine(CliHarness.Samples, "apps", "web.yaml"));
        var item = new JsonObject { ["pk"] = new JsonObject { ["S"] = "App/default/web" }, ["manifest"] = new JsonObject { ["S"] = web } };
        var put = await moto.AwsCliAsync("dynamodb", "put-item", "--table-name", table, "--item", item.ToJsonString());
        Assert.True(put.ExitCode == 0, put.Stderr);

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await EcsctlProgram.MainAsync(
            ["set", "image", "app/web", "app=rails-app:v42", "--table", table, "--endpoint-url", moto.Endpoint, "--region", moto.Region],
            TextReader.Null, stdout, stderr);
        Assert.True(exit == 0, $"{stdout}\n{stderr}");
        Assert.Contains("app/web image updated", stdout.ToString(), StringComparison.Ordinal);

        var got = await moto.AwsCliAsync("dynamodb", "get-item", "--table-name", table, "--key", """{"pk":{"S":"App/default/web"}}""");
        Assert.True(got.ExitCode == 0, got.Stderr);
        var manifest = JsonNode.Parse(got.Stdout)!["Item"]!["manifest"]!["S"]!.GetValue<string>();
        Assert.Equal(SetTests.ReplaceFirst(web, "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/rails-app:latest", "rails-app:v42"), manifest);
    }
}
