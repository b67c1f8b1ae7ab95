using System.Text.Json.Nodes;
using EcsOperator.Aws.Tests.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Ecs;

[Collection(AwsClientsMotoCollection.Name)]
public sealed class EcsTaskDefinitionTests(MotoServer moto)
{
    private static JsonObject TaskDefinition(string family, string image) => JsonNode.Parse($$"""
        {
          "family": "{{family}}",
          "networkMode": "bridge",
          "containerDefinitions": [
            { "name": "app", "image": "{{image}}", "memory": 128, "essential": true,
              "environment": [ { "name": "MODE", "value": "test" } ],
              "portMappings": [ { "containerPort": 80, "protocol": "tcp" } ] }
          ],
          "tags": [ { "key": "{{OperatorTags.Managed}}", "value": "true" } ]
        }
        """)!.AsObject();

    [SkippableFact]
    public async Task Register_describe_list_and_deregister_revisions_as_the_cli_sees_them()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var family = AwsClientsMoto.Unique("td");

        var arns = new List<string>();
        foreach (var image in new[] { "nginx:1", "nginx:2", "nginx:3" })
        {
            var registered = await aws.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, TaskDefinition(family, image), default);
            arns.Add(registered.Obj("taskDefinition").Str("taskDefinitionArn")!);
        }
        Assert.EndsWith($"{family}:3", arns[2]);

        // The CLI sees what our client registered, pass-through fields included.
        var cli = JsonNode.Parse(await moto.CliAsync("ecs", "describe-task-definition", "--task-definition", family, "--include", "TAGS"))!.AsObject();
        var container = cli.Obj("taskDefinition").Arr("containerDefinitions").Objects().Single();
        Assert.Equal("nginx:3", container.Str("image"));
        Assert.Equal("test", container.Arr("environment").Objects().Single().Str("value"));
        Assert.Contains(cli.Arr("tags").Objects(), t => t.Str("key") == OperatorTags.Managed);

        var described = await aws.Ecs.DescribeTaskDefinitionAsync($"{family}:2", default);
        Assert.NotNull(described);
        Assert.Equal(2, described.Value.TaskDefinition.Int("revision"));
        Assert.Contains(described.Value.Tags.OfType<JsonObject>(), t => t.Str("key") == OperatorTags.Managed);

        Assert.Equal(arns, await aws.Ecs.ListTaskDefinitionsAsync(family, null, default));

        var deregistered = await aws.Ecs.SendAsync(EcsAction.DeregisterTaskDefinition, new JsonObject { ["taskDefinition"] = arns[0] }, default);
        Assert.Equal("INACTIVE", deregistered.Obj("taskDefinition").Str("status"));
        var cliStatus = await moto.CliAsync("ecs", "describe-task-definition", "--task-definition", arns[0], "--query", "taskDefinition.status", "--output", "text");
        Assert.Equal("INACTIVE", cliStatus.Trim());
        Assert.Equal(arns[1..], await aws.Ecs.ListTaskDefinitionsAsync(family, "ACTIVE", default));
    }

    [SkippableFact]
    public async Task Missing_task_definition_reads_as_absent_and_bad_input_is_a_typed_terminal_error()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);

        Assert.Null(await aws.Ecs.DescribeTaskDefinitionAsync(AwsClientsMoto.Unique("missing") + ":1", default));

        var bad = TaskDefinition(AwsClientsMoto.Unique("td"), "nginx");
        // ECS requires memory or memoryReservation on a container of a non-Fargate task definition.
        bad.Arr("containerDefinitions").Objects().Single().Remove("memory");
        var e = await Assert.ThrowsAsync<AwsApiException>(() => aws.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, bad, default));
        Assert.True(e.IsTerminal, $"{e.Code} ({e.Kind}) should be terminal");
        Assert.Equal(400, e.StatusCode);
        Assert.Equal("ClientException", e.Code);
        Assert.Contains("memory", e.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }
}
