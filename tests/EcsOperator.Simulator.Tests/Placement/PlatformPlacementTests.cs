using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Placement;

/// <summary>What ECS checks before resources: GPUs, operating system, CPU architecture, EXTERNAL instances, Fargate sizes,
/// and the unit strings of task-level cpu/memory.</summary>
public sealed class PlatformPlacementTests
{
    private static JsonObject Run(string family, string launchType = "EC2") =>
        new() { ["cluster"] = "c", ["taskDefinition"] = family, ["count"] = 1, ["launchType"] = launchType };

    private static async Task<string?> FailureAsync(SimulatedTestCloud sim, JsonObject run)
    {
        var resp = await sim.SendAsync(EcsAction.RunTask, run);
        return resp.Arr("tasks").Objects().Any() ? null : resp.Arr("failures").Objects().First().Str("reason");
    }

    [Fact]
    public async Task Gpu_os_and_architecture_need_instances_that_have_them()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c", instances: 1).Build();
        var gpu = EcsSamples.TaskDefinition("gpu");
        gpu.Arr("containerDefinitions")![0]!["resourceRequirements"] = new JsonArray(new JsonObject { ["type"] = "GPU", ["value"] = "1" });
        await sim.RegisterAsync(gpu);
        var windows = EcsSamples.TaskDefinition("win");
        windows["runtimePlatform"] = new JsonObject { ["operatingSystemFamily"] = "WINDOWS_SERVER_2022_CORE" };
        await sim.RegisterAsync(windows);
        var arm = EcsSamples.TaskDefinition("arm");
        arm["runtimePlatform"] = new JsonObject { ["cpuArchitecture"] = "ARM64", ["operatingSystemFamily"] = "LINUX" };
        await sim.RegisterAsync(arm);

        Assert.Equal("RESOURCE:GPU", await FailureAsync(sim, Run("gpu")));
        Assert.Equal("ATTRIBUTE", await FailureAsync(sim, Run("win")));
        Assert.Equal("ATTRIBUTE", await FailureAsync(sim, Run("arm")));

        sim.Control.RegisterContainerInstance("c", "g4dn.xlarge");
        sim.Control.RegisterContainerInstance("c", "m5.large", osFamily: "WINDOWS_SERVER_2022_CORE");
        sim.Control.RegisterContainerInstance("c", "m6g.large");
        Assert.Null(await FailureAsync(sim, Run("gpu")));
        Assert.Equal("RESOURCE:GPU", await FailureAsync(sim, Run("gpu"))); // g4dn.xlarge has one GPU, now in use
        Assert.Null(await FailureAsync(sim, Run("win")));
        Assert.Null(await FailureAsync(sim, Run("arm")));
    }

    [Fact]
    public async Task External_launches_use_only_external_instances()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c", instances: 1).Build();
        await sim.RegisterAsync(EcsSamples.TaskDefinition("edge"));
        Assert.Equal("ATTRIBUTE", await FailureAsync(sim, Run("edge", "EXTERNAL")));
        var onPrem = sim.Control.RegisterContainerInstance("c", "m5.large", external: true);
        var resp = await sim.SendAsync(EcsAction.RunTask, Run("edge", "EXTERNAL"));
        Assert.Equal(onPrem, resp.Arr("tasks").Objects().Single().Str("containerInstanceArn"));
        // EC2 launches never land on the external instance: fill the EC2 one and the next fails.
        for (var i = 0; i < 3; i++) Assert.NotEqual(onPrem, (await sim.SendAsync(EcsAction.RunTask, Run("edge"))).Arr("tasks").Objects().Single().Str("containerInstanceArn"));
    }

    [Theory]
    [InlineData(".25 vcpu", ".5 gb", "256", "512")]
    [InlineData("1 vCPU", "2 GB", "1024", "2048")]
    [InlineData("4096", "30 gb", "4096", "30720")]
    public async Task Unit_strings_register_as_ecs_stores_them(string cpu, string memory, string storedCpu, string storedMemory)
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c").Build();
        var td = EcsSamples.TaskDefinition("exec");
        td["cpu"] = cpu;
        td["memory"] = memory;
        td["networkMode"] = "awsvpc";
        td["requiresCompatibilities"] = new JsonArray("FARGATE");
        var registered = (await sim.SendAsync(EcsAction.RegisterTaskDefinition, td)).Obj("taskDefinition");
        Assert.Equal(storedCpu, registered.Str("cpu"));
        Assert.Equal(storedMemory, registered.Str("memory"));
        Assert.Contains("FARGATE", registered.Arr("compatibilities").Strings());
    }

    [Theory]
    [InlineData("512 MiB", "memory")]
    [InlineData("1 cpu", "cpu")]
    [InlineData("64", "cpu")]
    public async Task Spellings_and_amounts_ecs_does_not_take_are_refused(string value, string field)
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c").Build();
        var td = EcsSamples.TaskDefinition("bad");
        td[field] = value;
        var e = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.RegisterTaskDefinition, td));
        Assert.Contains($"Invalid '{field}' setting for task", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("512", "1024", false)]
    [InlineData("1024", "2048", true)]
    [InlineData("8192", "16384", false)]
    public async Task Windows_on_fargate_takes_only_its_sizes(string cpu, string memory, bool ok)
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c").Build();
        var td = EcsSamples.TaskDefinition("win");
        td["cpu"] = cpu;
        td["memory"] = memory;
        td["networkMode"] = "awsvpc";
        td["requiresCompatibilities"] = new JsonArray("FARGATE");
        td["runtimePlatform"] = new JsonObject { ["operatingSystemFamily"] = "WINDOWS_SERVER_2019_CORE" };
        if (ok)
        {
            await sim.SendAsync(EcsAction.RegisterTaskDefinition, td);
            return;
        }
        var e = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.RegisterTaskDefinition, td));
        Assert.Contains("No Fargate configuration exists for given values", e.Message, StringComparison.Ordinal);
    }
}
