using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.Store;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>The operator host on the simulator with definitions as ECS users write them: unit strings, DAEMON services,
/// GPU tasks; the simulator places them as ECS would and refuses what ECS refuses.</summary>
public sealed class EcsFidelityTests
{
    private static long Calls(OperatorWorld w, string action) => w.Cloud.EcsCallCounts.GetValueOrDefault(action);

    /// <summary>Waits until the operator has made <paramref name="passes"/> more DescribeServices calls: later passes ran.</summary>
    private static async Task PassesAsync(OperatorWorld w, int passes)
    {
        var before = Calls(w, EcsAction.DescribeServices);
        await w.WaitAsync(() => Task.FromResult(Calls(w, EcsAction.DescribeServices) >= before + passes), $"{passes} more passes", seconds: 90);
    }

    [Fact]
    public async Task The_exec_guide_definition_registers_once_and_a_restart_changes_nothing()
    {
        await using var w = new OperatorWorld();
        var op = await w.StartOperatorAsync();
        await w.ApplyAsync("exec", """
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: exec}
            spec:
              cluster: default
              replicas: 1
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
                enableExecuteCommand: true
                deploymentConfiguration: {maximumPercent: 200, minimumHealthyPercent: 100}
                networkConfiguration:
                  awsvpcConfiguration: {subnets: [subnet-b, subnet-a], assignPublicIp: DISABLED}
            """);
        await w.WaitForAsync("exec", OperatorWorld.Available, "Available");
        var td = (await w.Cloud.Ecs.SendAsync(EcsAction.DescribeTaskDefinition, new JsonObject { ["taskDefinition"] = "exec" }, default)).Obj("taskDefinition");
        Assert.Equal("256", td.Str("cpu"));
        Assert.Equal("512", td.Str("memory"));

        await w.StopOperatorAsync(op);
        await w.StartOperatorAsync("op-2");
        // The second pass of the new process begins after its first has finished: that one had its chance to write.
        await PassesAsync(w, 2);
        Assert.Single(await w.RevisionsAsync("exec"));
        Assert.Equal(1, Calls(w, EcsAction.RegisterTaskDefinition));
        Assert.Equal(0, Calls(w, EcsAction.UpdateService));
        Assert.DoesNotContain(await w.Store.ListAsync(OperatorWorld.Key("exec"), default), e => e.Reason is "Drift" or "ServiceUpdated");
    }

    private const string Daemon = """
        apiVersion: ecs.operator/v1
        kind: App
        metadata: {name: agent}
        spec:
          cluster: default
          taskDefinition:
            containerDefinitions:
              - {name: agent, image: IMAGE, memory: 128}
          service:
            schedulingStrategy: DAEMON
        """;

    [Fact]
    public async Task A_daemon_runs_one_task_per_instance_follows_instances_and_rolls_out_everywhere()
    {
        await using var w = new OperatorWorld();
        await w.StartOperatorAsync();
        await w.ApplyAsync("agent", Daemon.Replace("IMAGE", "agent:1", StringComparison.Ordinal));
        var s = await w.WaitForAsync("agent", st => OperatorWorld.Available(st) && st.Int("runningCount") == 6, "6 daemon tasks");
        Assert.Equal(6, s.Int("desiredCount"));
        var tasks = await TasksAsync(w);
        Assert.Equal(6, tasks.Select(t => t.Str("containerInstanceArn")).Distinct().Count());

        var added = w.Cloud.Control.RegisterContainerInstance("default");
        await w.WaitAsync(async () => (await TasksAsync(w)).Any(t => t.Str("containerInstanceArn") == added), "a daemon task on the new instance");
        await w.WaitForAsync("agent", st => OperatorWorld.Available(st) && st.Int("desiredCount") == 7 && st.Int("runningCount") == 7, "7 of 7");

        await w.Cloud.Ecs.SendAsync(EcsAction.UpdateContainerInstancesState, new JsonObject
        {
            ["cluster"] = "default", ["containerInstances"] = new JsonArray(added), ["status"] = "DRAINING",
        }, default);
        await w.WaitAsync(async () => (await TasksAsync(w)).All(t => t.Str("containerInstanceArn") != added), "the draining instance's daemon task to stop");
        await w.WaitForAsync("agent", st => st.Int("desiredCount") == 6 && st.Int("runningCount") == 6, "back to 6");

        await w.ApplyAsync("agent", Daemon.Replace("IMAGE", "agent:2", StringComparison.Ordinal));
        var target = (await w.WaitForAsync("agent", st => OperatorWorld.Available(st) && st.Obj("rollout").Str("targetTaskDefinition")?.EndsWith(":2", StringComparison.Ordinal) == true,
            "revision 2 Available")).Obj("rollout").Str("targetTaskDefinition");
        var after = await TasksAsync(w);
        Assert.Equal(6, after.Count);
        Assert.All(after, t => Assert.Equal(target, t.Str("taskDefinitionArn")));
        var svc = await w.ServiceAsync("agent");
        Assert.Equal("DAEMON", svc.Str("schedulingStrategy"));
        Assert.Equal(100, svc.Obj("deploymentConfiguration").Int("maximumPercent"));
        Assert.Equal(0, svc.Obj("deploymentConfiguration").Int("minimumHealthyPercent"));
    }

    private static async Task<List<JsonObject>> TasksAsync(OperatorWorld w)
    {
        var arns = (await w.Cloud.Ecs.SendAsync(EcsAction.ListTasks, new JsonObject { ["cluster"] = "default", ["serviceName"] = "agent", ["desiredStatus"] = "RUNNING" }, default))
            .Arr("taskArns").Strings().ToList();
        if (arns.Count == 0) return [];
        var described = await w.Cloud.Ecs.SendAsync(EcsAction.DescribeTasks, new JsonObject { ["cluster"] = "default", ["tasks"] = arns.ToJsonArray() }, default);
        return described.Arr("tasks").Objects().Where(t => t.Str("lastStatus") == "RUNNING").ToList();
    }

    [Fact]
    public async Task A_gpu_task_waits_with_ecs_reason_until_an_instance_with_a_gpu_registers()
    {
        await using var w = new OperatorWorld();
        await w.StartOperatorAsync();
        await w.ApplyAsync("train", """
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: train}
            spec:
              cluster: default
              replicas: 1
              taskDefinition:
                containerDefinitions:
                  - name: train
                    image: nvidia/cuda:12.2.0-base-ubuntu22.04
                    memory: 1024
                    resourceRequirements: [{type: GPU, value: "1"}]
            """);
        var waiting = await w.WaitForAsync("train", st => st.Arr("serviceEvents").Objects().Any(e => e.Str("message")?.Contains("has insufficient GPU available", StringComparison.Ordinal) == true),
            "ECS's placement failure event");
        Assert.Contains(waiting.Arr("serviceEvents").Objects(), e => e.Str("message")!.Contains("was unable to place a task because no container instance met all of its requirements", StringComparison.Ordinal));
        Assert.Equal(0, waiting.Int("runningCount"));

        w.Cloud.Control.RegisterContainerInstance("default", "g4dn.xlarge");
        await w.WaitForAsync("train", st => OperatorWorld.Available(st) && st.Int("runningCount") == 1, "the GPU task running");
    }

    [Fact]
    public async Task A_windows_task_definition_is_not_placed_on_linux_instances()
    {
        await using var w = new OperatorWorld();
        await w.StartOperatorAsync();
        await w.ApplyAsync("iis", """
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: iis}
            spec:
              cluster: default
              replicas: 1
              taskDefinition:
                runtimePlatform: {operatingSystemFamily: WINDOWS_SERVER_2022_CORE}
                containerDefinitions:
                  - {name: iis, image: "mcr.microsoft.com/windows/servercore/iis", memory: 1024, cpu: 512}
            """);
        await w.WaitForAsync("iis", st => st.Arr("serviceEvents").Objects().Any(e => e.Str("message")?.Contains("is missing an attribute required by your task", StringComparison.Ordinal) == true),
            "ECS's missing-attribute event");
        w.Cloud.Control.RegisterContainerInstance("default", "m5.xlarge", osFamily: "WINDOWS_SERVER_2022_CORE");
        await w.WaitForAsync("iis", st => OperatorWorld.Available(st) && st.Int("runningCount") == 1, "the Windows task running");
    }
}
