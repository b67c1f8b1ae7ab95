namespace Ecsctl.Tests;

/// <summary><c>ecsctl validate</c> checks spec.taskDefinition and spec.service against the ECS API model.</summary>
public sealed class ValidateApiModelTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string App(string file, string taskDefinition, string service = "") => _cli.WriteFile(file, $"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: web
        spec:
          cluster: default
          taskDefinition:
        {taskDefinition}
        {service}
        """);

    [Fact]
    public async Task A_wrong_type_an_unknown_enum_and_a_misspelt_member_are_errors_with_file_line_column()
    {
        var file = App("bad.yaml", """
                networkMode: awsvcp
                containerDefinition:
                  - name: app
                    image: nginx
            """, """
              service:
                desiredCount: 2
                deploymentConfiguration: {maximumPercent: lots}
            """);

        var result = await _cli.RunAsync("validate", "-f", file);

        Assert.Equal(1, result.Exit);
        Assert.Contains($"{file}:8:18: spec.taskDefinition.networkMode: 'awsvcp' is not one of bridge, host, awsvpc, none (did you mean 'awsvpc'?)", result.Err, StringComparison.Ordinal);
        Assert.Contains($"{file}:9:5: spec.taskDefinition.containerDefinition: unknown field 'containerDefinition' (did you mean 'containerDefinitions'?)", result.Err, StringComparison.Ordinal);
        Assert.Contains($"{file}:14:47: spec.service.deploymentConfiguration.maximumPercent: expected an integer, got a string \"lots\"", result.Err, StringComparison.Ordinal);
        Assert.Contains($"{file}:13:5: spec.service.desiredCount: set by the operator; use spec.replicas instead", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_container_member_suggests_the_model_name()
    {
        var file = App("typo.yaml", """
                containerDefinitions:
                  - name: app
                    image: nginx
                    memoryReservaton: 256
            """);

        var result = await _cli.RunAsync("validate", "-f", file);

        Assert.Equal(1, result.Exit);
        Assert.Equal($"{file}:11:9: spec.taskDefinition.containerDefinitions[0].memoryReservaton: unknown field 'memoryReservaton' (did you mean 'memoryReservation'?)",
            result.Err.Split('\n')[0].TrimEnd());
    }

    [Fact]
    public async Task A_describe_task_definition_export_is_valid_with_a_note_per_dropped_member()
    {
        var file = App("export.yaml", """
                taskDefinitionArn: arn:aws:ecs:us-east-1:123456789012:task-definition/web:3
                revision: 3
                status: ACTIVE
                compatibilities: [EC2]
                registeredAt: "2024-01-01T00:00:00.000Z"
                cpu: 256
                pidMode: null
                containerDefinitions:
                  - {name: app, image: nginx, memory: "512", healthCheck: null}
            """, """
              service:
                platformFamily: Linux
                propagateTags: SERVICE
            """);

        var result = await _cli.RunAsync("validate", "-f", file);

        Assert.Equal(0, result.Exit);
        Assert.Contains("1 document(s) in 1 file(s) are valid", result.Out, StringComparison.Ordinal);
        Assert.Contains($"{file}:8:5: spec.taskDefinition.taskDefinitionArn: note: dropped 'taskDefinitionArn': it is part of what ECS describes, not of a RegisterTaskDefinition request, and is never sent",
            result.Err, StringComparison.Ordinal);
        Assert.Contains($"{file}:18:5: spec.service.platformFamily: note: dropped 'platformFamily'", result.Err, StringComparison.Ordinal);
        Assert.Equal(6, result.Err.Split('\n').Count(l => l.Contains(": note: dropped", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Applying_an_export_stores_it_without_the_describe_only_members()
    {
        var file = App("export.yaml", """
                revision: 3
                requiresAttributes: [{name: ecs.capability.execution-role-awslogs}]
                containerDefinitions: [{name: app, image: nginx}]
            """);

        var result = await _cli.RunAsync("apply", "-f", file);
        var stored = await _cli.Store.GetAsync(new EcsOperator.Core.Resources.ResourceKey(EcsOperator.Core.Resources.ResourceKind.App, "default", "web"), default);

        Assert.Equal(0, result.Exit);
        Assert.Contains(": note: dropped 'revision'", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("requiresAttributes", stored!.Manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("revision", stored.Manifest, StringComparison.Ordinal);
    }
}
