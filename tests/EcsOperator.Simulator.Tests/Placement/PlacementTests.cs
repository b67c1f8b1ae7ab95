using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Placement;

public sealed class PlacementTests
{
    private static JsonObject Run(string family, int count = 1, JsonArray? strategy = null)
    {
        var r = new JsonObject { ["cluster"] = "c", ["taskDefinition"] = family, ["count"] = count, ["launchType"] = "EC2" };
        if (strategy is not null) r["placementStrategy"] = strategy;
        return r;
    }

    [Theory]
    [InlineData(2048, 128, "RESOURCE:MEMORY")]
    [InlineData(256, 4096, "RESOURCE:CPU")]
    public async Task A_task_too_big_for_every_instance_is_a_resource_failure(int memory, int cpu, string reason)
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c", instances: 1, instanceType: "t3.micro").Build();
        await sim.RegisterAsync(EcsSamples.TaskDefinition("big", memory: memory, cpu: cpu));
        var instance = (await sim.Ecs.ListContainerInstancesAsync("c", null, CancellationToken.None)).Single();

        var resp = await sim.SendAsync(EcsAction.RunTask, Run("big"));

        Assert.Empty(resp.Arr("tasks").Objects());
        var f = Assert.Single(resp.Arr("failures").Objects());
        Assert.Equal(reason, f.Str("reason"));
        Assert.Equal(instance, f.Str("arn"));
    }

    [Fact]
    public async Task A_host_port_in_use_is_a_ports_failure_and_frees_up_when_the_task_stops()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c", instances: 1).WithInstantTasks().Build();
        await sim.RegisterAsync(EcsSamples.TaskDefinition("port", hostPort: 8080));
        var first = (await sim.SendAsync(EcsAction.RunTask, Run("port"))).Arr("tasks").Objects().Single().Str("taskArn")!;

        var second = await sim.SendAsync(EcsAction.RunTask, Run("port"));
        Assert.Equal("RESOURCE:PORTS", second.Arr("failures").Objects().Single().Str("reason"));

        await sim.SendAsync(EcsAction.StopTask, new JsonObject { ["cluster"] = "c", ["task"] = first });
        var third = await sim.SendAsync(EcsAction.RunTask, Run("port"));
        Assert.Single(third.Arr("tasks").Objects());
    }

    [Fact]
    public async Task Remaining_resources_reflect_placed_tasks()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c", instances: 1).Build();
        await sim.RegisterAsync(EcsSamples.TaskDefinition("small", memory: 512, cpu: 256));
        await sim.SendAsync(EcsAction.RunTask, Run("small", count: 3));
        var arn = (await sim.Ecs.ListContainerInstancesAsync("c", null, CancellationToken.None)).Single();

        var ci = Assert.Single(await sim.Ecs.DescribeContainerInstancesAsync("c", [arn], CancellationToken.None));

        int Value(string list, string name) => ci.Arr(list).Objects().Single(r => r.Str("name") == name).Int("integerValue")!.Value;
        Assert.Equal(7680 - 3 * 512, Value("remainingResources", "MEMORY"));
        Assert.Equal(2048 - 3 * 256, Value("remainingResources", "CPU"));
        Assert.Equal(7680, Value("registeredResources", "MEMORY"));
        Assert.Equal(3, ci.Int("pendingTasksCount")! + ci.Int("runningTasksCount")!);
    }

    [Fact]
    public async Task Binpack_fills_one_instance_and_spread_uses_all()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c", instances: 3).Build();
        await sim.RegisterAsync(EcsSamples.TaskDefinition("p", memory: 512));
        var binpack = new JsonArray(new JsonObject { ["type"] = "binpack", ["field"] = "memory" });
        var packed = (await sim.SendAsync(EcsAction.RunTask, Run("p", 4, binpack))).Arr("tasks").Objects();
        var spreadRequest = Run("p", 3);
        spreadRequest["group"] = "spread-group";
        var spread = (await sim.SendAsync(EcsAction.RunTask, spreadRequest)).Arr("tasks").Objects();

        Assert.Single(packed.Select(t => t.Str("containerInstanceArn")).Distinct());
        Assert.Equal(3, spread.Select(t => t.Str("containerInstanceArn")).Distinct().Count());
    }

    [Fact]
    public async Task A_service_that_cannot_place_reports_the_ecs_event_and_places_when_capacity_arrives()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c", instances: 1, instanceType: "t3.micro").Build();
        var td = await sim.RegisterAsync(EcsSamples.TaskDefinition("huge", memory: 4096));
        await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("c", "web", td, 1));
        sim.Advance(TimeSpan.FromMinutes(1));

        var s = await sim.ServiceAsync("c", "web");
        var instanceId = (await sim.Ecs.ListContainerInstancesAsync("c", null, CancellationToken.None)).Single().Split('/')[^1];
        Assert.Contains($"(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance {instanceId}) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.", s.EventMessages());
        Assert.Equal(0, s.Int("runningCount"));

        sim.Control.RegisterContainerInstance("c", "m5.large");
        Assert.True(await sim.AdvanceUntilAsync(async () => (await sim.ServiceAsync("c", "web")).Int("runningCount") == 1, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task A_cluster_without_instances_says_so()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c").Build();
        await sim.RegisterAsync(EcsSamples.TaskDefinition("none"));

        var resp = await sim.SendAsync(EcsAction.RunTask, Run("none"));

        Assert.Equal("No Container Instances were found in your cluster.", resp.Arr("failures").Objects().Single().Str("reason"));
    }

    [Fact]
    public async Task Draining_an_instance_moves_service_tasks_to_active_instances()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c", instances: 3).Build();
        var td = await sim.RegisterAsync(EcsSamples.TaskDefinition("web"));
        await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("c", "web", td, 3));
        sim.Advance(TimeSpan.FromMinutes(2));
        var victim = (await sim.ServiceTasksAsync("c", "web"))[0].Str("containerInstanceArn")!;

        await sim.SendAsync(EcsAction.UpdateContainerInstancesState, new JsonObject
        {
            ["cluster"] = "c", ["containerInstances"] = new JsonArray(victim), ["status"] = "DRAINING",
        });
        var minRunning = int.MaxValue;
        Assert.True(await sim.AdvanceUntilAsync(async () =>
        {
            var tasks = await sim.ServiceTasksAsync("c", "web");
            minRunning = Math.Min(minRunning, tasks.Count(t => t.Str("lastStatus") == "RUNNING"));
            return tasks.Count == 3 && tasks.All(t => t.Str("lastStatus") == "RUNNING" && t.Str("containerInstanceArn") != victim);
        }, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1)));

        Assert.True(minRunning >= 3, "minimumHealthyPercent 100 must hold while draining");
        var ci = Assert.Single(await sim.Ecs.DescribeContainerInstancesAsync("c", [victim], CancellationToken.None));
        Assert.Equal("DRAINING", ci.Str("status"));
        sim.Advance(TimeSpan.FromMinutes(1));
        ci = Assert.Single(await sim.Ecs.DescribeContainerInstancesAsync("c", [victim], CancellationToken.None));
        Assert.Equal(0, ci.Int("runningTasksCount"));
    }

    [Fact]
    public async Task MemberOf_constraints_from_the_request_and_the_task_definition_both_apply()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("c").Build();
        sim.Control.RegisterContainerInstance("c", "m5.large", "us-east-1a");
        var wanted = sim.Control.RegisterContainerInstance("c", "c5.large", "us-east-1b");
        sim.Control.RegisterContainerInstance("c", "c5.large", "us-east-1c");
        var td = EcsSamples.TaskDefinition("pinned");
        td["placementConstraints"] = new JsonArray(new JsonObject { ["type"] = "memberOf", ["expression"] = "attribute:ecs.instance-type == c5.large" });
        await sim.RegisterAsync(td);
        var run = Run("pinned", 3);
        run["placementConstraints"] = new JsonArray(new JsonObject { ["type"] = "memberOf", ["expression"] = "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]" });

        var tasks = (await sim.SendAsync(EcsAction.RunTask, run)).Arr("tasks").Objects().ToList();

        Assert.Equal(3, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(wanted, t.Str("containerInstanceArn")));
    }
}
