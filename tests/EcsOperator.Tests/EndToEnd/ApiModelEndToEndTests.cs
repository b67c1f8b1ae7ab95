using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Conformance;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>The host on the simulator, every ECS request checked against the API model by the world's conformance wrapper.</summary>
public sealed class ApiModelEndToEndTests : IAsyncLifetime
{
    private readonly OperatorWorld w = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await w.DisposeAsync();

    /// <summary>What `aws ecs describe-task-definition` and `describe-services` print, pasted into an App written with put-item.</summary>
    private const string Export = """
        apiVersion: ecs.operator/v1
        kind: App
        metadata: {name: exported}
        spec:
          cluster: default
          replicas: 2
          taskDefinition:
            taskDefinitionArn: arn:aws:ecs:us-east-1:123456789012:task-definition/exported:4
            revision: 4
            status: ACTIVE
            requiresAttributes: [{name: com.amazonaws.ecs.capability.docker-remote-api.1.21}]
            compatibilities: [EC2]
            registeredAt: "2025-03-01T10:00:00.000Z"
            registeredBy: arn:aws:iam::123456789012:user/ops
            cpu: 256
            memory: 512
            pidMode: null
            containerDefinitions:
              - name: app
                image: nginx:1
                memoryReservation: "128"
                essential: true
                healthCheck: null
                portMappings: [{containerPort: 80, hostPort: 0, protocol: tcp}]
          service:
            platformFamily: Linux
            runningCount: 2
            propagateTags: SERVICE
            deploymentConfiguration: {maximumPercent: "200", minimumHealthyPercent: 50}
        """;

    [Fact]
    public async Task A_describe_output_export_converges_and_every_request_fits_the_model()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("exported", Export);

        var status = await w.WaitForAsync("exported", OperatorWorld.Available, "Available");
        var arn = status.Str("activeTaskDefinition")!;
        var registered = (await w.Cloud.Ecs.DescribeTaskDefinitionAsync(arn, default))!.Value.TaskDefinition;
        var service = (await w.ServiceAsync("exported"))!;

        Assert.EndsWith("exported:1", arn, StringComparison.Ordinal);
        Assert.Equal(("256", "512"), (registered.Str("cpu"), registered.Str("memory")));
        Assert.Equal(128, registered.Arr("containerDefinitions")!.Objects().Single().Int("memoryReservation"));
        Assert.Equal("SERVICE", service.Str("propagateTags"));
        Assert.Equal(200, service.Obj("deploymentConfiguration").Int("maximumPercent"));
        Assert.True(w.Conformance.Violations.Count == 0, string.Join("\n", w.Conformance.Violations.Select(v => v.Message)));
        Assert.Contains(EcsAction.RegisterTaskDefinition, w.Cloud.EcsCallCounts.Keys);
        Assert.Contains(EcsAction.CreateService, w.Cloud.EcsCallCounts.Keys);
    }

    [Fact]
    public async Task A_request_that_does_not_fit_the_model_fails_the_call_and_the_world_at_dispose()
    {
        var world = new OperatorWorld();
        var refused = await Assert.ThrowsAsync<ApiConformanceException>(() => world.Conformance.SendAsync(EcsAction.CreateService,
            new() { ["cluster"] = "default", ["serviceName"] = "x", ["platformFamily"] = "Linux" }, default));

        var atDispose = await Assert.ThrowsAsync<ApiConformanceException>(async () => await world.DisposeAsync());

        Assert.Equal(("ecs", "CreateService"), (refused.Service, refused.Action));
        Assert.StartsWith("Unknown parameter in input: \"platformFamily\"", refused.Problems.Single().Message, StringComparison.Ordinal);
        Assert.Same(refused, atDispose);
    }
}
