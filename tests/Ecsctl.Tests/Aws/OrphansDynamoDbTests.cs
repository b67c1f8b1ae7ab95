using System.Text.Json.Nodes;
using EcsOperator.Aws;
using EcsOperator.Aws.Init;
using EcsOperator.TestUtilities.Moto;

namespace Ecsctl.Tests.Aws;

/// <summary><c>ecsctl get orphans --table</c> on moto: ECS is read through the wire clients, in the cluster named by
/// <c>--cluster</c>; a service and a task-definition family owned by an App missing from the table are listed, those
/// of an App in the table are not.</summary>
public sealed class OrphansDynamoDbTests(MotoServer moto) : IClassFixture<MotoServer>
{
    static OrphansDynamoDbTests()
    {
        foreach (var (name, value) in new[] { ("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing") })
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) Environment.SetEnvironmentVariable(name, value);
        }
    }

    private async Task AwsAsync(params string[] args)
    {
        var run = await moto.AwsCliAsync([.. args, "--region", moto.Region]);
        Assert.True(run.ExitCode == 0, $"aws {string.Join(' ', args)}: {run.Stderr}");
    }

    private async Task OwnedServiceAsync(string cluster, string name)
    {
        string[] tags = ["key=ecs.operator/managed,value=true", $"key=ecs.operator/owner,value=App/default/{name}"];
        await AwsAsync(["ecs", "register-task-definition", "--family", $"{cluster}-{name}",
            "--container-definitions", """[{"name":"web","image":"nginx","memory":128}]""", "--tags", .. tags]);
        await AwsAsync(["ecs", "create-service", "--cluster", cluster, "--service-name", name, "--task-definition", $"{cluster}-{name}",
            "--desired-count", "0", "--tags", .. tags]);
    }

    [SkippableFact]
    public async Task A_service_and_a_family_whose_App_is_missing_from_the_table_are_listed()
    {
        moto.SkipIfUnavailable();
        var table = "orphans-" + Guid.NewGuid().ToString("N")[..12];
        await new InfrastructureInitializer(TimeProvider.System)
            .InitAsync(new InitOptions(new AwsConnection(moto.Region, null, moto.Endpoint), table, table + "-jobs"), CancellationToken.None);
        var cluster = "c-" + Guid.NewGuid().ToString("N")[..8];
        await AwsAsync("ecs", "create-cluster", "--cluster-name", cluster);
        await OwnedServiceAsync(cluster, "gone");
        await OwnedServiceAsync(cluster, "kept");
        var kept = new JsonObject
        {
            ["pk"] = new JsonObject { ["S"] = "App/default/kept" },
            ["manifest"] = new JsonObject { ["S"] = "apiVersion: ecs.operator/v1\nkind: App\nmetadata:\n  name: kept\nspec:\n  cluster: " + cluster + "\n" },
        };
        await AwsAsync("dynamodb", "put-item", "--table-name", table, "--item", kept.ToJsonString());

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await EcsctlProgram.MainAsync(
            ["get", "orphans", "--cluster", cluster, "--table", table, "--endpoint-url", moto.Endpoint, "--region", moto.Region],
            TextReader.Null, stdout, stderr);
        Assert.True(exit == 0, $"{stdout}\n{stderr}");
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 3, stdout.ToString());
        Assert.Matches(@"^KIND\s+OWNER\s+CLUSTER\s+NAME\s+AGE\s+EPOCH$", lines[0]);
        Assert.Matches($@"^service\s+App/default/gone\s+{cluster}\s+gone\s+\S+\s+\S+$", lines[1]);
        Assert.Matches($@"^taskdefinition\s+App/default/gone\s+-\s+{cluster}-gone:1\s+\S+\s+\S+$", lines[2]);
    }
}
