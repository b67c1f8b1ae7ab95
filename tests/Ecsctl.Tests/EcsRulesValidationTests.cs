namespace Ecsctl.Tests;

/// <summary><c>ecsctl validate</c> refuses, with file, line and field, what ECS refuses or the operator does not drive:
/// unresolved names in a task definition, unit strings ECS does not read, DAEMON services with a count or a strategy,
/// a ScalePolicy on a DAEMON App, deployment controllers other than ECS and strategies other than ROLLING and BLUE_GREEN.</summary>
public sealed class EcsRulesValidationTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<CliResult> ValidateAsync(string name, string yaml) => await _cli.RunAsync("validate", "-f", _cli.WriteFile(name, yaml));

    [Fact]
    public async Task The_exec_guide_definition_with_unit_strings_is_valid()
    {
        var ok = await ValidateAsync("exec.yaml", """
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: exec}
            spec:
              cluster: default
              taskDefinition:
                cpu: ".25 vcpu"
                memory: ".5 gb"
                requiresCompatibilities: [FARGATE]
                networkMode: awsvpc
                containerDefinitions:
                  - name: amazon-linux
                    image: amazonlinux:latest
                    essential: true
                    command: ["sleep", "3600"]
                    linuxParameters: {initProcessEnabled: true}
              service:
                launchType: FARGATE
                networkConfiguration:
                  awsvpcConfiguration: {subnets: [subnet-1]}
            """);
        Assert.True(ok.Exit == 0, ok.ToString());
    }

    [Fact]
    public async Task Names_that_resolve_to_nothing_and_unreadable_amounts_are_errors_at_their_lines()
    {
        var file = "refs.yaml";
        var result = await ValidateAsync(file, """
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: refs}
            spec:
              cluster: default
              taskDefinition:
                cpu: "1 cpu"
                memory: "512 MiB"
                volumes:
                  - name: data
                containerDefinitions:
                  - name: app
                    image: nginx
                    mountPoints:
                      - {sourceVolume: dta, containerPath: /data}
                    dependsOn:
                      - {containerName: sidecar, condition: START}
                    volumesFrom:
                      - {sourceContainer: ghost}
                    links: ["log:logger"]
                  - name: app
                    image: busybox
            """);
        Assert.Equal(1, result.Exit);
        var err = result.Err;
        Assert.Contains($"{file}:7:", err, StringComparison.Ordinal);
        Assert.Contains("spec.taskDefinition.cpu: '1 cpu' is not a CPU amount ECS accepts", err, StringComparison.Ordinal);
        Assert.Contains($"{file}:8:", err, StringComparison.Ordinal);
        Assert.Contains("spec.taskDefinition.memory: '512 MiB' is not a memory amount ECS accepts", err, StringComparison.Ordinal);
        Assert.Contains($"{file}:15:", err, StringComparison.Ordinal);
        Assert.Contains("spec.taskDefinition.containerDefinitions[0].mountPoints[0].sourceVolume: no volume named 'dta' declared in volumes (did you mean 'data'?)", err, StringComparison.Ordinal);
        Assert.Contains($"{file}:17:", err, StringComparison.Ordinal);
        Assert.Contains("containerDefinitions[0].dependsOn[0].containerName: no container named 'sidecar'", err, StringComparison.Ordinal);
        Assert.Contains("containerDefinitions[0].volumesFrom[0].sourceContainer: no container named 'ghost'", err, StringComparison.Ordinal);
        Assert.Contains("containerDefinitions[0].links[0]: no container named 'log'", err, StringComparison.Ordinal);
        Assert.Contains($"{file}:21:", err, StringComparison.Ordinal);
        Assert.Contains("containerDefinitions[1].name: duplicate container name 'app'", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("256", "4 GB", false, "Fargate has no 256 CPU / 4096 MiB size; with 256 CPU it takes 512-2048 MiB in steps of 512")]
    [InlineData(".5 vcpu", "4096", false, "")]
    [InlineData("512", "1 GB", true, "Fargate has no 512 CPU / 1024 MiB size for Windows (1, 2 or 4 vCPU)")]
    [InlineData("2 vCPU", "16 GB", true, "")]
    public async Task Fargate_definitions_take_fargate_sizes(string cpu, string memory, bool windows, string error)
    {
        var result = await ValidateAsync("fargate.yaml", $$"""
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: f}
            spec:
              cluster: default
              taskDefinition:
                cpu: "{{cpu}}"
                memory: "{{memory}}"
                networkMode: awsvpc
                requiresCompatibilities: [FARGATE]
                runtimePlatform: {operatingSystemFamily: {{(windows ? "WINDOWS_SERVER_2022_CORE" : "LINUX")}}}
                containerDefinitions: [{name: app, image: nginx}]
            """);
        if (error.Length == 0)
        {
            Assert.True(result.Exit == 0, result.ToString());
            return;
        }
        Assert.Equal(1, result.Exit);
        Assert.Contains($"fargate.yaml:8:13: spec.taskDefinition.memory: {error}", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CODE_DEPLOY")]
    [InlineData("EXTERNAL")]
    public async Task Deployment_controllers_other_than_ecs_are_refused_saying_what_is_supported(string type)
    {
        var result = await ValidateAsync("cd.yaml", $$"""
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: cd}
            spec:
              cluster: default
              taskDefinition:
                containerDefinitions: [{name: app, image: nginx, memory: 128}]
              service:
                deploymentController: {type: {{type}}}
            """);
        Assert.Equal(1, result.Exit);
        Assert.Contains("cd.yaml:9:", result.Err, StringComparison.Ordinal);
        Assert.Contains($"spec.service.deploymentController.type: deployment controller '{type}' is not supported: the operator supports only the ECS deployment controller", result.Err, StringComparison.Ordinal);
    }

    private const string StrategyApp = """
        apiVersion: ecs.operator/v1
        kind: App
        metadata: {name: bg}
        spec:
          cluster: default
          taskDefinition:
            containerDefinitions: [{name: app, image: nginx, memory: 128}]
          service:
            deploymentController: {type: ECS}
            deploymentConfiguration: {strategy: STRATEGY}
        """;

    [Theory]
    [InlineData("ROLLING")]
    [InlineData("BLUE_GREEN, bakeTimeInMinutes: 5")]
    [InlineData("BLUE_GREEN, bakeTimeInMinutes: 0")]
    public async Task Rolling_and_blue_green_strategies_are_valid(string strategy)
    {
        var ok = await ValidateAsync("ok.yaml", StrategyApp.Replace("STRATEGY", strategy, StringComparison.Ordinal));
        Assert.True(ok.Exit == 0, ok.ToString());
    }

    [Theory]
    [InlineData("LINEAR")]
    [InlineData("CANARY")]
    public async Task Linear_and_canary_strategies_are_refused_naming_what_is_supported(string strategy)
    {
        var bad = await ValidateAsync("bg.yaml", StrategyApp.Replace("STRATEGY", strategy, StringComparison.Ordinal));
        Assert.Equal(1, bad.Exit);
        Assert.Contains("bg.yaml:10:", bad.Err, StringComparison.Ordinal);
        Assert.Contains($"spec.service.deploymentConfiguration.strategy: deployment strategy '{strategy}' is not supported: " +
            "the operator supports ECS's ROLLING (the default) and BLUE_GREEN strategies; LINEAR and CANARY are not", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blue_green_without_a_bake_time_or_with_lifecycle_hooks_is_refused()
    {
        var noBake = await ValidateAsync("nobake.yaml", StrategyApp.Replace("STRATEGY", "BLUE_GREEN", StringComparison.Ordinal));
        Assert.Equal(1, noBake.Exit);
        Assert.Contains("nobake.yaml:10:", noBake.Err, StringComparison.Ordinal);
        Assert.Contains("spec.service.deploymentConfiguration.bakeTimeInMinutes: ECS requires bakeTimeInMinutes with the BLUE_GREEN strategy", noBake.Err, StringComparison.Ordinal);

        var hooks = await ValidateAsync("hooks.yaml", StrategyApp.Replace("STRATEGY",
            "BLUE_GREEN, bakeTimeInMinutes: 5, lifecycleHooks: [{hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:check', roleArn: 'arn:aws:iam::123456789012:role/hook', lifecycleStages: [POST_SCALE_UP]}]",
            StringComparison.Ordinal));
        Assert.Equal(1, hooks.Exit);
        Assert.Contains("spec.service.deploymentConfiguration.lifecycleHooks: deployment lifecycle hooks are not supported", hooks.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daemon_app_takes_no_replicas_no_placement_strategy_and_no_scale_policy()
    {
        var result = await ValidateAsync("daemon.yaml", """
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: agent}
            spec:
              cluster: default
              replicas: 3
              taskDefinition:
                containerDefinitions: [{name: agent, image: datadog/agent, memory: 256}]
              service:
                schedulingStrategy: DAEMON
                placementStrategy: [{type: spread, field: instanceId}]
            """);
        Assert.Equal(1, result.Exit);
        Assert.Contains("daemon.yaml:6:", result.Err, StringComparison.Ordinal);
        Assert.Contains("spec.replicas: a DAEMON service runs one task on every container instance", result.Err, StringComparison.Ordinal);
        Assert.Contains("daemon.yaml:11:", result.Err, StringComparison.Ordinal);
        Assert.Contains("spec.service.placementStrategy: ECS does not take placement strategies for a DAEMON service", result.Err, StringComparison.Ordinal);

        const string Daemon = """
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: agent}
            spec:
              cluster: default
              taskDefinition:
                containerDefinitions: [{name: agent, image: datadog/agent, memory: 256}]
              service:
                schedulingStrategy: DAEMON
                placementConstraints: [{type: memberOf, expression: "attribute:ecs.os-type == linux"}]
            """;
        var ok = await ValidateAsync("agent.yaml", Daemon);
        Assert.True(ok.Exit == 0, ok.ToString());

        var scaled = await ValidateAsync("scaled.yaml", Daemon + """

            ---
            apiVersion: ecs.operator/v1
            kind: ScalePolicy
            metadata: {name: agent}
            spec:
              targetRef: agent
              minTaskCount: 1
              maxTaskCount: 4
            """);
        Assert.Equal(1, scaled.Exit);
        Assert.Contains("scaled.yaml:12:", scaled.Err, StringComparison.Ordinal);
        Assert.Contains("spec.targetRef: App 'agent' is a DAEMON service", scaled.Err, StringComparison.Ordinal);
    }
}
