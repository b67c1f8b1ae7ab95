using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.TestUtilities.Conformance;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Core.Tests.ApiModel;

/// <summary>The request-conformance checks the end-to-end harnesses run every request through really do fail.</summary>
public sealed class ConformanceCheckTests
{
    [Fact]
    public async Task The_ecs_wrapper_fails_the_test_on_an_unknown_member_a_wrong_type_or_a_missing_required_member()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").Build();
        var ecs = new ConformingEcsApi(sim.Ecs);
        var request = new JsonObject
        {
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "nginx", ["memory"] = "512" }),
            ["taskDefinitionArn"] = "arn:aws:ecs:us-east-1:1:task-definition/web:1",
        };

        var e = await Assert.ThrowsAsync<ApiConformanceException>(() => ecs.SendAsync(EcsAction.RegisterTaskDefinition, request, default));

        Assert.Equal(("ecs", "RegisterTaskDefinition"), (e.Service, e.Action));
        Assert.Equal([ApiProblemKind.WrongType, ApiProblemKind.UnknownMember, ApiProblemKind.MissingRequired], e.Problems.Select(p => p.Kind));
        Assert.Equal("Invalid type for parameter containerDefinitions[0].memory, value: \"512\", type: string, valid types: integer", e.Problems[0].Message);
        Assert.StartsWith("Unknown parameter in input: \"taskDefinitionArn\", must be one of: containerDefinitions, cpu,", e.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal("Missing required parameter in input: \"family\"", e.Problems[2].Message);
        Assert.Throws<ApiConformanceException>(ecs.AssertConforming);
    }

    [Fact]
    public async Task A_conforming_request_passes_and_leaves_nothing_to_report()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").Build();
        var ecs = new ConformingEcsApi(sim.Ecs);

        await ecs.SendAsync(EcsAction.ListServices, new JsonObject { ["cluster"] = "default", ["maxResults"] = 10 }, default);

        ecs.AssertConforming();
        Assert.Empty(ecs.Violations);
    }

    [Fact]
    public async Task The_wire_check_reads_query_forms_and_json_bodies_back_into_the_model()
    {
        using var handler = new WireConformanceHandler(new Answer());
        using var http = new HttpClient(handler);

        await Post(http, null, ("Action=SetInstanceProtection&Version=2011-01-01&AutoScalingGroupName=g&InstanceIds.member.1=i-1&ProtectedFromScaleIn=true"));
        await Post(http, "Logs_20140328.GetLogEvents", ("""{"logGroupName":"g","logStreamName":"s","startFromHead":true}"""));
        var badQuery = await Assert.ThrowsAsync<ApiConformanceException>(() =>
            Post(http, null, ("Action=SetDesiredCapacity&Version=2011-01-01&AutoScalingGroupName=g&DesiredCapacity=many&Honour=true")));
        var badJson = await Assert.ThrowsAsync<ApiConformanceException>(() =>
            Post(http, "Logs_20140328.FilterLogEvents", ("""{"logGroupName":"g","startTime":"yesterday"}""")));

        Assert.Equal([("autoscaling", "SetInstanceProtection"), ("logs", "GetLogEvents"), ("autoscaling", "SetDesiredCapacity"), ("logs", "FilterLogEvents")], handler.Checked);
        Assert.Equal(
        [
            "Invalid type for parameter DesiredCapacity, value: \"many\", type: string, valid types: integer",
            "Unknown parameter in input: \"Honour\", must be one of: AutoScalingGroupName, DesiredCapacity, HonorCooldown",
        ], badQuery.Problems.Select(p => p.Message));
        Assert.Equal("Invalid type for parameter startTime, value: \"yesterday\", type: string, valid types: integer", Assert.Single(badJson.Problems).Message);
    }

    /// <summary>A Query form when <paramref name="target"/> is null, else an AWS JSON 1.1 body for that target.</summary>
    private static async Task Post(HttpClient http, string? target, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://aws.test/")
        {
            Content = new StringContent(body, Encoding.UTF8, target is null ? "application/x-www-form-urlencoded" : "application/x-amz-json-1.1"),
        };
        if (target is not null) request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        using var response = await http.SendAsync(request);
    }

    private sealed class Answer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
