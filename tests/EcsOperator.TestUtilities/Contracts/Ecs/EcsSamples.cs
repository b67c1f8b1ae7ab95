using System.Text.Json.Nodes;

namespace EcsOperator.TestUtilities.Contracts.Ecs;

/// <summary>ECS request bodies (botocore shapes) that tests and contract suites share.</summary>
public static class EcsSamples
{
    /// <summary>An EC2 (bridge) task definition with one container.</summary>
    public static JsonObject TaskDefinition(string family, string image = "nginx:1.27", int memory = 256, int cpu = 128, int? hostPort = null, JsonArray? tags = null)
    {
        var container = new JsonObject
        {
            ["name"] = "app",
            ["image"] = image,
            ["memory"] = memory,
            ["cpu"] = cpu,
            ["essential"] = true,
        };
        if (hostPort is { } hp)
            container["portMappings"] = new JsonArray(new JsonObject { ["containerPort"] = 80, ["hostPort"] = hp, ["protocol"] = "tcp" });
        var td = new JsonObject { ["family"] = family, ["containerDefinitions"] = new JsonArray(container) };
        if (tags is not null) td["tags"] = tags;
        return td;
    }

    /// <summary>A Fargate (awsvpc) task definition with awslogs.</summary>
    public static JsonObject FargateTaskDefinition(string family, string cpu = "256", string memory = "512", string logGroup = "/ecs/sample") => new()
    {
        ["family"] = family,
        ["requiresCompatibilities"] = new JsonArray("FARGATE"),
        ["networkMode"] = "awsvpc",
        ["cpu"] = cpu,
        ["memory"] = memory,
        ["containerDefinitions"] = new JsonArray(new JsonObject
        {
            ["name"] = "app",
            ["image"] = "public.ecr.aws/docker/library/busybox:latest",
            ["essential"] = true,
            ["logConfiguration"] = new JsonObject
            {
                ["logDriver"] = "awslogs",
                ["options"] = new JsonObject { ["awslogs-group"] = logGroup, ["awslogs-region"] = "us-east-1", ["awslogs-stream-prefix"] = "ecs" },
            },
        }),
    };

    public static JsonObject AwsvpcConfiguration() => new()
    {
        ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray("subnet-0123456789abcdef0"), ["assignPublicIp"] = "DISABLED" },
    };

    public static JsonArray Tags(params (string Key, string Value)[] tags) =>
        new(tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToArray());

    public static JsonObject Service(string cluster, string name, string taskDefinition, int desiredCount, JsonObject? deploymentConfiguration = null)
    {
        var s = new JsonObject
        {
            ["cluster"] = cluster,
            ["serviceName"] = name,
            ["taskDefinition"] = taskDefinition,
            ["desiredCount"] = desiredCount,
            ["launchType"] = "EC2",
        };
        if (deploymentConfiguration is not null) s["deploymentConfiguration"] = deploymentConfiguration;
        return s;
    }

    public static JsonObject CircuitBreaker(bool rollback, int minimumHealthyPercent = 100, int maximumPercent = 200) => new()
    {
        ["minimumHealthyPercent"] = minimumHealthyPercent,
        ["maximumPercent"] = maximumPercent,
        ["deploymentCircuitBreaker"] = new JsonObject { ["enable"] = true, ["rollback"] = rollback },
    };
}
