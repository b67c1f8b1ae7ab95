using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.AutoScaling;

public sealed class AutoScalingTests
{
    private static SimulatedTestCloud Cloud() => new SimulatedCloudBuilder().WithCluster("c").Build();

    private static async Task<AutoScalingGroup> Group(SimulatedTestCloud sim, string name = "asg") =>
        (await sim.Cloud.AutoScaling.DescribeAutoScalingGroupsAsync([name], CancellationToken.None)).Single();

    [Fact]
    public async Task Launched_instances_become_in_service_after_the_delay_and_register_with_their_type_resources()
    {
        using var sim = Cloud();
        sim.Control.CreateAutoScalingGroup("asg", "c", 0, 6, 0, "c5.xlarge");
        await sim.Cloud.AutoScaling.SetDesiredCapacityAsync("asg", 3, false, CancellationToken.None);

        var g = await Group(sim);
        Assert.All(g.Instances, i => Assert.Equal("Pending", i.LifecycleState));
        Assert.Equal(3, g.Instances.Select(i => i.AvailabilityZone).Distinct().Count());
        Assert.Empty(await sim.Ecs.ListContainerInstancesAsync("c", null, CancellationToken.None));

        sim.Advance(TimeSpan.FromSeconds(61));
        g = await Group(sim);
        Assert.All(g.Instances, i => Assert.Equal("InService", i.LifecycleState));
        var arns = await sim.Ecs.ListContainerInstancesAsync("c", null, CancellationToken.None);
        var described = await sim.Ecs.DescribeContainerInstancesAsync("c", arns, CancellationToken.None);
        Assert.Equal(g.Instances.Select(i => i.InstanceId).Order(), described.Select(d => d.Str("ec2InstanceId")!).Order());
        Assert.All(described, d => Assert.Equal(4096, d.Arr("registeredResources").Objects().Single(r => r.Str("name") == "CPU").Int("integerValue")));
    }

    [Fact]
    public async Task Scale_in_spares_protected_instances_and_keeps_zones_balanced()
    {
        using var sim = Cloud();
        sim.Control.CreateAutoScalingGroup("asg", "c", 0, 6, 6, launchImmediately: true);
        var g = await Group(sim);
        var keep = g.Instances[0].InstanceId;
        await sim.Cloud.AutoScaling.SetInstanceProtectionAsync("asg", [keep], true, CancellationToken.None);

        await sim.Cloud.AutoScaling.SetDesiredCapacityAsync("asg", 3, false, CancellationToken.None);
        sim.Advance(TimeSpan.FromMinutes(1));

        g = await Group(sim);
        Assert.Equal(3, g.Instances.Count);
        Assert.Contains(g.Instances, i => i.InstanceId == keep);
        Assert.Equal(3, g.Instances.Select(i => i.AvailabilityZone).Distinct().Count());
        Assert.Equal(3, (await sim.Ecs.ListContainerInstancesAsync("c", null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Terminating_without_decrement_launches_a_replacement_and_stops_the_instance_tasks()
    {
        using var sim = Cloud();
        sim.Control.CreateAutoScalingGroup("asg", "c", 1, 3, 1, launchImmediately: true);
        await sim.RegisterAsync(TestUtilities.Contracts.Ecs.EcsSamples.TaskDefinition("w"));
        sim.Control.SetFamilyWorkload("w", new WorkloadBehavior { RunForever = true });
        var task = (await sim.SendAsync(EcsAction.RunTask, new System.Text.Json.Nodes.JsonObject { ["cluster"] = "c", ["taskDefinition"] = "w" }))
            .Arr("tasks").Objects().Single().Str("taskArn")!;
        var old = (await Group(sim)).Instances.Single().InstanceId;

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sim.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroupAsync(old, true, CancellationToken.None));
        Assert.Equal("ValidationError", e.Code);
        await sim.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroupAsync(old, false, CancellationToken.None);
        sim.Advance(TimeSpan.FromMinutes(2));

        var g = await Group(sim);
        Assert.Equal(1, g.DesiredCapacity);
        Assert.NotEqual(old, g.Instances.Single().InstanceId);
        Assert.Equal("InService", g.Instances.Single().LifecycleState);
        var t = await sim.TaskAsync("c", task);
        Assert.Equal("STOPPED", t.Str("lastStatus"));
        Assert.Equal($"Host EC2 (instance {old}) terminated.", t.Str("stoppedReason"));
    }

    [Fact]
    public async Task A_detached_instance_stays_registered_in_the_cluster()
    {
        using var sim = Cloud();
        sim.Control.CreateAutoScalingGroup("asg", "c", 0, 3, 2, launchImmediately: true);
        var id = (await Group(sim)).Instances[0].InstanceId;

        await sim.Cloud.AutoScaling.DetachInstancesAsync("asg", [id], false, CancellationToken.None);
        sim.Advance(TimeSpan.FromMinutes(2));

        var g = await Group(sim);
        Assert.Equal(2, g.Instances.Count);
        Assert.DoesNotContain(g.Instances, i => i.InstanceId == id);
        Assert.Equal(3, (await sim.Ecs.ListContainerInstancesAsync("c", null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_default_cluster_for_local_mode_has_instances_and_runs_fargate()
    {
        using var sim = new SimulatedCloudBuilder().Build();
        sim.Control.EnsureDefaultCluster();
        sim.Control.EnsureDefaultCluster();

        Assert.Equal(3, (await sim.Ecs.ListContainerInstancesAsync("default", "ACTIVE", CancellationToken.None)).Count);
        Assert.Equal(3, (await Group(sim, "default-asg")).DesiredCapacity);
        await sim.RegisterAsync(TestUtilities.Contracts.Ecs.EcsSamples.FargateTaskDefinition("f"));
        var resp = await sim.SendAsync(EcsAction.RunTask, new System.Text.Json.Nodes.JsonObject
        {
            ["taskDefinition"] = "f", ["launchType"] = "FARGATE", ["networkConfiguration"] = TestUtilities.Contracts.Ecs.EcsSamples.AwsvpcConfiguration(),
        });
        Assert.Equal("FARGATE", resp.Arr("tasks").Objects().Single().Str("launchType"));
    }
}
