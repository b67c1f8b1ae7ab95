using System.Text.Json.Nodes;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Tests.Manifests;

/// <summary>spec.taskDefinition, spec.service and a Job's network settings are checked against the ECS API model.</summary>
public sealed class ApiShapeValidationTests
{
    private static string App(string taskDefinition, string service = "") => $"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: web
        spec:
          cluster: default
          taskDefinition:
        {Indent(taskDefinition, 4)}
        {(service.Length == 0 ? "" : "  service:\n" + Indent(service, 4))}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(l => new string(' ', spaces) + l));

    private static IReadOnlyList<string> Errors(string text) => ManifestParser.Parse(text, "web.yaml").Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void A_wrong_type_names_file_line_column_and_path()
    {
        var errors = Errors(App("containerDefinitions:\n  - name: app\n    image: nginx\n    memory: lots\n    essential: maybe"));

        Assert.Equal(
        [
            "web.yaml:11:17: spec.taskDefinition.containerDefinitions[0].memory: expected an integer, got a string \"lots\"",
            "web.yaml:12:20: spec.taskDefinition.containerDefinitions[0].essential: expected a boolean (true or false), got a string \"maybe\"",
        ], errors);
    }

    [Fact]
    public void An_unknown_enum_value_lists_the_values_and_suggests_one()
    {
        var error = Assert.Single(Errors(App("networkMode: awsvcp\ncontainerDefinitions: [{name: app, image: nginx}]")));

        Assert.Equal("web.yaml:8:18: spec.taskDefinition.networkMode: 'awsvcp' is not one of bridge, host, awsvpc, none (did you mean 'awsvpc'?)", error);
    }

    [Theory]
    [InlineData("containerDefinition: [{name: app, image: nginx}]", "containerDefinitions")]
    [InlineData("containerDefinitions: [{name: app, image: nginx, memoryReservaton: 256}]", "memoryReservation")]
    [InlineData("containerDefinitions: [{name: app, image: nginx, portMapping: []}]", "portMappings")]
    [InlineData("requiresCompatibility: [EC2]\ncontainerDefinitions: [{name: app, image: nginx}]", "requiresCompatibilities")]
    public void A_misspelt_member_is_an_error_with_the_model_name_to_use(string taskDefinition, string suggestion)
    {
        var errors = Errors(App(taskDefinition));

        Assert.Contains(errors, e => e.Contains("unknown field", StringComparison.Ordinal) && e.EndsWith($"(did you mean '{suggestion}'?)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_required_member_inside_the_definition_is_an_error()
    {
        var error = Assert.Single(Errors(App("containerDefinitions:\n  - name: app\n    image: nginx\n    logConfiguration: {options: {awslogs-group: web}}")));

        Assert.Equal("web.yaml:11:27: spec.taskDefinition.containerDefinitions[0].logConfiguration.logDriver: required field is missing", error);
    }

    [Fact]
    public void A_describe_output_export_validates_with_a_note_per_dropped_member_and_its_nulls_are_not_set()
    {
        const string td = """
            taskDefinitionArn: arn:aws:ecs:us-east-1:123456789012:task-definition/web:7
            revision: 7
            status: ACTIVE
            requiresAttributes: [{name: com.amazonaws.ecs.capability.docker-remote-api.1.18}]
            compatibilities: [EC2, FARGATE]
            registeredAt: "2024-05-01T10:00:00.000Z"
            registeredBy: arn:aws:iam::123456789012:root
            pidMode: null
            containerDefinitions:
              - name: app
                image: nginx
                healthCheck: null
                portMappings: [{containerPort: 80, hostPort: 0, protocol: tcp}]
            """;
        var result = ManifestParser.Parse(App(td, "serviceArn: arn:aws:ecs:us-east-1:1:service/default/web\nplatformFamily: Linux\nrunningCount: 2"), "web.yaml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var dropped = result.Notes.Select(n => n.Path).ToList();
        Assert.Equal(
        [
            "spec.taskDefinition.taskDefinitionArn", "spec.taskDefinition.revision", "spec.taskDefinition.status",
            "spec.taskDefinition.requiresAttributes", "spec.taskDefinition.compatibilities", "spec.taskDefinition.registeredAt",
            "spec.taskDefinition.registeredBy", "spec.service.serviceArn", "spec.service.platformFamily", "spec.service.runningCount",
        ], dropped);
        Assert.Equal((8, 5), (result.Notes[0].Line, result.Notes[0].Column));
        var spec = result.Documents[0].GetSpec<AppSpec>();
        Assert.Equal(["containerDefinitions"], spec.TaskDefinition.Select(p => p.Key));
        Assert.False(spec.TaskDefinition["containerDefinitions"]![0]!.AsObject().ContainsKey("healthCheck"));
        Assert.Empty(spec.Service!);
    }

    [Fact]
    public void Yaml_scalars_ecs_converts_are_accepted_and_rendered_in_the_model_types()
    {
        var result = ManifestParser.Parse(App("cpu: 256\nmemory: 512\ncontainerDefinitions: [{name: app, image: nginx, memory: \"256\", essential: \"true\"}]",
            "deploymentConfiguration: {minimumHealthyPercent: \"50\"}\nforceNewDeployment: true\nserviceName: web"), "web.yaml");
        Assert.True(result.Ok, string.Join("\n", result.Errors));

        var request = TaskDefinitionRenderer.Request(result.Documents[0]);

        Assert.Equal("256", (string?)request["cpu"]);
        Assert.Equal(256, (int)request["containerDefinitions"]![0]!["memory"]!);
        Assert.True((bool)request["containerDefinitions"]![0]!["essential"]!);
        Assert.Empty(ApiShapeChecker.CheckRequest(AwsApiModel.Ecs, EcsAction.RegisterTaskDefinition, request));
    }

    [Fact]
    public void Service_members_are_checked_against_create_service()
    {
        var errors = Errors(App("containerDefinitions: [{name: app, image: nginx}]",
            "launchType: fargate\nhealthCheckGracePeriod: 30\nnetworkConfiguration: {awsvpcConfiguration: {assignPublicIp: ENABLED}}"));

        Assert.Equal(
        [
            "web.yaml:10:17: spec.service.launchType: 'fargate' is not one of EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES (did you mean 'FARGATE'?)",
            "web.yaml:11:5: spec.service.healthCheckGracePeriod: unknown field 'healthCheckGracePeriod' (did you mean 'healthCheckGracePeriodSeconds'?)",
            "web.yaml:12:49: spec.service.networkConfiguration.awsvpcConfiguration.subnets: required field is missing",
        ], errors);
    }

    [Fact]
    public void A_jobs_network_configuration_is_checked_against_run_task()
    {
        const string job = """
            apiVersion: ecs.operator/v1
            kind: Job
            metadata: {name: migrate}
            spec:
              appRef: web
              networkConfiguration: {awsvpcConfiguration: {subnet: [subnet-1]}}
            """;

        var errors = Errors(job);

        Assert.Contains("web.yaml:6:48: spec.networkConfiguration.awsvpcConfiguration.subnet: unknown field 'subnet' (did you mean 'subnets'?)", errors);
    }
}
