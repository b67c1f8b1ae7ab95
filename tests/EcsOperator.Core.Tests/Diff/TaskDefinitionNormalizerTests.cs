using System.Text.Json.Nodes;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Tests.Diff;

public sealed class TaskDefinitionNormalizerTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Rendered_and_described_forms_of_one_definition_compare_equal()
    {
        var rendered = Parse("""
        { "family": "web", "cpu": "0.5 vcpu", "memory": "1 GB",
          "containerDefinitions": [ { "name": "web", "image": "nginx:1.27",
            "environment": [ {"name":"B","value":"2"}, {"name":"A","value":"1"} ],
            "portMappings": [ {"containerPort": "80"} ] } ] }
        """);
        var described = Parse("""
        { "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3", "revision": 3,
          "status": "ACTIVE", "compatibilities": ["EC2"], "requiresAttributes": [{"name":"x"}],
          "registeredAt": "2026-01-01T00:00:00Z", "registeredBy": "arn:aws:iam::1:user/x",
          "family": "web", "cpu": "512", "memory": "1024", "networkMode": "bridge", "volumes": [], "placementConstraints": [],
          "containerDefinitions": [ { "name": "web", "image": "nginx:1.27", "cpu": 0, "essential": true,
            "environment": [ {"name":"A","value":"1"}, {"name":"B","value":"2"} ], "mountPoints": [], "volumesFrom": [],
            "portMappings": [ {"containerPort": 80, "hostPort": 0, "protocol": "tcp"} ] } ] }
        """);
        Assert.True(TaskDefinitionNormalizer.AreEquivalent(rendered, described),
            DefinitionDiff.TaskDefinition(described, rendered));
        Assert.Equal("", DefinitionDiff.TaskDefinition(described, rendered));
    }

    [Theory]
    [InlineData("1 vCPU", "1024")]
    [InlineData("0.5 vcpu", "512")]
    [InlineData("2 vCPU", "2048")]
    [InlineData("256", "256")]
    public void Cpu_unit_strings_become_cpu_units(string cpu, string expected) =>
        Assert.Equal(expected, TaskDefinitionNormalizer.Normalize(new JsonObject { ["cpu"] = cpu }).Str("cpu"));

    [Theory]
    [InlineData("2 GB", "2048")]
    [InlineData("0.5GB", "512")]
    [InlineData(".5 gb", "512")]
    [InlineData("512", "512")]
    public void Memory_unit_strings_become_mib(string memory, string expected) =>
        Assert.Equal(expected, TaskDefinitionNormalizer.Normalize(new JsonObject { ["memory"] = memory }).Str("memory"));

    [Fact]
    public void Real_differences_stay_visible_and_unknown_fields_pass_through()
    {
        var a = Parse("""{ "family": "web", "newEcsField": {"x": 1}, "containerDefinitions": [ { "name": "web", "image": "nginx:1" } ] }""");
        var b = Parse("""{ "family": "web", "newEcsField": {"x": 2}, "containerDefinitions": [ { "name": "web", "image": "nginx:1" } ] }""");
        Assert.False(TaskDefinitionNormalizer.AreEquivalent(a, b));
        var diff = DefinitionDiff.TaskDefinition(a, b);
        Assert.Contains("-  x: 1", diff);
        Assert.Contains("+  x: 2", diff);
        Assert.Equal(1, TaskDefinitionNormalizer.Normalize(a).Obj("newEcsField").Int("x"));
    }

    [Fact]
    public void Awsvpc_host_ports_default_to_the_container_port()
    {
        var a = Parse("""{ "networkMode": "awsvpc", "containerDefinitions": [ { "name": "w", "portMappings": [ {"containerPort": 8080} ] } ] }""");
        var b = Parse("""{ "networkMode": "awsvpc", "containerDefinitions": [ { "name": "w", "portMappings": [ {"containerPort": 8080, "hostPort": 8080, "protocol": "TCP"} ] } ] }""");
        Assert.True(TaskDefinitionNormalizer.AreEquivalent(a, b));
    }

    [Fact]
    public void The_input_is_not_modified()
    {
        var a = Parse("""{ "revision": 3, "containerDefinitions": [ { "name": "w" } ] }""");
        var before = a.ToJsonString();
        TaskDefinitionNormalizer.Normalize(a);
        Assert.Equal(before, a.ToJsonString());
    }
}
