using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Api;

/// <summary>The simulator refuses what does not fit the ECS API model instead of storing and echoing it.</summary>
public sealed class RequestShapeTests
{
    [Fact]
    public async Task An_unknown_member_is_a_client_exception_and_nothing_is_registered()
    {
        using var sim = new SimulatedCloudBuilder().Build();
        var td = EcsSamples.TaskDefinition("web");
        td["containerDefinitions"]![0]!["memoryReservaton"] = 256;

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sim.RegisterAsync(td));
        var families = await sim.SendAsync(EcsAction.ListTaskDefinitions, new JsonObject { ["familyPrefix"] = "web" });

        Assert.Equal("ClientException", e.Code);
        Assert.StartsWith("Unknown parameter in containerDefinitions[0]: \"memoryReservaton\", must be one of: ", e.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(families.Arr("taskDefinitionArns")!);
    }

    [Fact]
    public async Task A_describe_only_member_sent_to_create_service_is_refused()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default", instances: 1).Build();
        var arn = await sim.RegisterAsync(EcsSamples.TaskDefinition("web"));
        var service = EcsSamples.Service("default", "web", arn, 1);
        service["platformFamily"] = "Linux";

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.CreateService, service));

        Assert.Equal("ClientException", e.Code);
        Assert.Contains("\"platformFamily\"", e.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_type_is_a_client_exception_naming_the_parameter()
    {
        using var sim = new SimulatedCloudBuilder().Build();
        var td = EcsSamples.TaskDefinition("web");
        td["cpu"] = 256;

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sim.RegisterAsync(td));

        Assert.Equal(("ClientException", "Invalid type for parameter cpu, value: 256, type: number, valid types: string"), (e.Code, e.ErrorMessage));
    }

    [Fact]
    public async Task A_value_outside_an_enum_is_an_invalid_parameter_exception()
    {
        using var sim = new SimulatedCloudBuilder().Build();
        var td = EcsSamples.TaskDefinition("web");
        td["networkMode"] = "awsvcp";

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sim.RegisterAsync(td));

        Assert.Equal("InvalidParameterException", e.Code);
        Assert.Equal("1 validation error detected: Value 'awsvcp' at 'networkMode' failed to satisfy constraint: " +
            "Member must satisfy enum value set: [bridge, host, awsvpc, none]", e.ErrorMessage);
    }
}
