using System.Text.Json.Nodes;
using CsCheck;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Api;

/// <summary>Whatever a caller sends, the simulator answers or throws an AWS error: never anything else.</summary>
public sealed class BadInputTests
{
    private static readonly string[] Fields =
    [
        "cluster", "service", "serviceName", "services", "taskDefinition", "family", "familyPrefix", "containerDefinitions",
        "desiredCount", "count", "tasks", "task", "startedBy", "group", "tags", "include", "maxResults", "nextToken",
        "launchType", "networkConfiguration", "deploymentConfiguration", "placementConstraints", "placementStrategy",
        "containerInstances", "status", "resourceArn", "clientToken", "overrides", "cpu", "memory", "networkMode",
        "requiresCompatibilities", "force", "reason", "desiredStatus", "serviceName", "clusterName", "tagKeys", "filter",
    ];

    private static JsonNode? RandomNode(Random r, int depth)
    {
        switch (r.Next(depth > 2 ? 6 : 9))
        {
            case 0: return null;
            case 1: return r.Next(-5, 300);
            case 2: return r.Next(2) == 0;
            case 3: return new[] { "default", "web", "web:1", "web:99", "", "FARGATE", "EC2", "TAGS", "DRAINING", "arn:aws:ecs:us-east-1:123456789012:service/default/web" }[r.Next(10)];
            case 4: return new string('x', r.Next(0, 300));
            case 5: return r.NextDouble() * 1e6;
            case 6:
            {
                var a = new JsonArray();
                for (var i = r.Next(0, 12); i > 0; i--) a.Add(RandomNode(r, depth + 1));
                return a;
            }
            default:
                return RandomObject(r, depth + 1);
        }
    }

    private static JsonObject RandomObject(Random r, int depth)
    {
        var o = new JsonObject();
        for (var i = r.Next(0, 8); i > 0; i--) o[r.Next(4) == 0 ? "key" : Fields[r.Next(Fields.Length)]] = RandomNode(r, depth);
        if (r.Next(3) == 0) o["name"] = "app";
        if (r.Next(3) == 0) o["image"] = "img";
        return o;
    }

    /// <summary>A valid request for the action, so mutations reach deep into the handlers.</summary>
    private static JsonObject? Template(string action, Random r) => action switch
    {
        EcsAction.RegisterTaskDefinition => r.Next(2) == 0 ? EcsSamples.TaskDefinition("fuzz", hostPort: 8080) : EcsSamples.FargateTaskDefinition("fuzzf"),
        EcsAction.CreateService => EcsSamples.Service("default", "s" + r.Next(20), "web", r.Next(0, 4)),
        EcsAction.UpdateService => new JsonObject { ["cluster"] = "default", ["service"] = "web", ["desiredCount"] = r.Next(0, 4), ["taskDefinition"] = "web" },
        EcsAction.RunTask => new JsonObject { ["cluster"] = "default", ["taskDefinition"] = "web", ["count"] = 1, ["clientToken"] = "t" + r.Next(5) },
        EcsAction.CreateCluster => new JsonObject { ["clusterName"] = "c" + r.Next(5), ["tags"] = EcsSamples.Tags(("a", "b")) },
        EcsAction.UpdateContainerInstancesState => new JsonObject { ["cluster"] = "default", ["status"] = "DRAINING", ["containerInstances"] = new JsonArray("x") },
        _ => null,
    };

    [Fact]
    public async Task Random_requests_to_every_action_only_ever_raise_aws_errors()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default", instances: 2).WithCluster("web", instances: 1).Build();
        var td = await sim.RegisterAsync(EcsSamples.TaskDefinition("web"));
        await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("default", "web", td, 2));
        var actions = EcsAction.All.Append("UntagResource").ToArray();

        Gen.Int.Sample(seed =>
        {
            var r = new Random(seed);
            var action = actions[r.Next(actions.Length)];
            var request = r.Next(2) == 0 ? Template(action, r) ?? RandomObject(r, 0) : RandomObject(r, 0);
            for (var m = r.Next(0, 3); m > 0; m--) request[Fields[r.Next(Fields.Length)]] = RandomNode(r, 1);
            try
            {
                sim.Ecs.SendAsync(action, request, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (AwsApiException)
            {
                // An AWS error is a fine answer to bad input.
            }
            sim.Advance(TimeSpan.FromSeconds(r.Next(0, 30)));
        }, iter: 6000);

        // Still answering sensibly afterwards.
        var clusters = await sim.SendAsync(EcsAction.DescribeClusters, new JsonObject { ["clusters"] = new JsonArray("default") });
        Assert.Equal("ACTIVE", clusters.Arr("clusters").Objects().Single().Str("status"));
    }
}
