using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;
using EcsOperator.Simulator;

namespace EcsOperator.Tests.Scaling;

/// <summary>A CapacityPool and a ScalePolicy together on the simulator: instances come before the tasks that need them,
/// and only instances running nothing are drained and terminated — a long-running Job keeps its instance.</summary>
public sealed class CapacityPoolTests
{
    private const string Cluster = "pool";
    private const string Group = "pool-nodes";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);

    private const string PolicyYaml = """
        apiVersion: ecs.operator/v1
        kind: ScalePolicy
        metadata:
          name: web
        spec:
          targetRef: web
          capacityPoolRef: nodes
          minTaskCount: 2
          maxTaskCount: 12
          cooldownTimeForReachMaxSeconds: 0
          step: 4
          idleTimeSeconds: 60
          upscaleTriggers:
            - alarmName: web-cpu-high
          downscaleTriggers:
            - alarmName: web-cpu-low
        """;

    private const string PoolYaml = """
        apiVersion: ecs.operator/v1
        kind: CapacityPool
        metadata:
          name: nodes
        spec:
          cluster: pool
          autoScalingGroupName: pool-nodes
          buffer: 0
          drainTimeoutSeconds: 300
        """;

    [Fact]
    public async Task Instances_come_ahead_of_tasks_and_only_empty_ones_leave_while_a_job_keeps_its_instance()
    {
        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero),
            options: new ScalingOptions { RegistrationGrace = TimeSpan.FromMinutes(3) });
        w.Cloud.Control.CreateCluster(Cluster);
        w.Cloud.Control.CreateAutoScalingGroup(Group, Cluster, minSize: 1, maxSize: 10, desiredCapacity: 1, launchImmediately: true);
        await w.CreateServiceAsync(Cluster, "web", cpu: 512, memory: 1024, desired: 2);
        await w.PutAsync(ScalingWorld.AppYaml("web", Cluster, 512, 1024));
        var policy = await w.PutAsync(PolicyYaml);
        var pool = await w.PutAsync(PoolYaml);
        w.Cloud.Control.SetAlarmState("web-cpu-high", "OK");
        w.Cloud.Control.SetAlarmState("web-cpu-low", "OK");

        // A long-running one-off task (a Job's task) on the only instance.
        await w.Cloud.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, ScalingWorld.TaskDefinition("rake", 512, 1024), default);
        w.Cloud.Control.SetFamilyWorkload("rake", new WorkloadBehavior { RunForever = true });
        var run = await w.Cloud.Ecs.SendAsync(EcsAction.RunTask, new JsonObject
        {
            ["cluster"] = Cluster, ["taskDefinition"] = "rake", ["launchType"] = "EC2", ["startedBy"] = "Job/default/rake",
        }, default);
        var job = run.Arr("tasks").Objects().Single();
        var jobInstance = await Ec2InstanceOfAsync(w, job.Str("containerInstanceArn")!);
        var keys = new[] { pool, policy };

        // Busy: the policy wants 12 in steps of 4; each step waits until the pool has registered room for it.
        w.Cloud.Control.SetAlarmState("web-cpu-high", "ALARM");
        var sawWaiting = false;
        for (var i = 0; i < 120 && await w.DesiredCountAsync(Cluster, "web") < 12; i++)
        {
            await w.TickAsync(Tick, keys);
            await AssertServiceFitsAsync(w);
            var status = await w.StatusAsync(policy);
            sawWaiting |= status.Int("wantedCount") > status.Int("desiredCount");
        }
        Assert.Equal(12, await w.DesiredCountAsync(Cluster, "web"));
        Assert.True(sawWaiting, "the policy never had to wait for capacity");
        Assert.Equal(4, (await GroupAsync(w)).DesiredCapacity); // 12 web + 1 job task, 4 per m5.large
        for (var i = 0; i < 12; i++) await w.TickAsync(Tick, keys);
        Assert.Equal(12, (await w.ServiceAsync(Cluster, "web")).Int("runningCount"));

        // Quiet: back to 2 tasks. Only instances with no task at all are drained, then terminated.
        w.Cloud.Control.SetAlarmState("web-cpu-high", "OK");
        w.Cloud.Control.SetAlarmState("web-cpu-low", "ALARM");
        var restarted = false;
        for (var i = 0; i < 120; i++)
        {
            await w.TickAsync(Tick, keys);
            if (!restarted && (await w.StatusAsync(pool)).Arr("draining")?.Count > 0)
            {
                w.Pools = w.NewPoolReconciler(); // an operator restart mid-drain resumes from status
                restarted = true;
            }
        }
        Assert.True(restarted, "no drain started");
        Assert.Equal(2, await w.DesiredCountAsync(Cluster, "web"));
        var group = await GroupAsync(w);
        Assert.InRange(group.DesiredCapacity, 1, 3);
        Assert.Contains(group.Instances, i => i.InstanceId == jobInstance && i.LifecycleState == "InService");
        var (jobNow, _) = await w.Cloud.Ecs.DescribeTasksAsync(Cluster, [job.Str("taskArn")!], default);
        Assert.Equal("RUNNING", jobNow.Single().Str("lastStatus"));
        Assert.Empty((await w.StatusAsync(pool)).Arr("draining") ?? []);

        // No task was ever stopped by an instance going away.
        var stopped = await w.Cloud.Ecs.ListTasksAsync(Cluster, default, desiredStatus: "STOPPED");
        var (stoppedTasks, _) = await w.Cloud.Ecs.DescribeTasksAsync(Cluster, stopped, default);
        Assert.DoesNotContain(stoppedTasks, t => t.Str("stoppedReason")?.Contains("terminated", StringComparison.OrdinalIgnoreCase) == true);
        var events = await w.Store.ListAsync(pool, default);
        Assert.Contains(events, e => e.Reason == "Draining");
        Assert.Contains(events, e => e.Reason == "Terminated");
        Assert.Contains(events, e => e.Reason == "ScaledUp");
    }

    [Fact]
    public async Task An_instance_that_never_registers_is_reported_then_replaced()
    {
        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero),
            options: new ScalingOptions { RegistrationGrace = TimeSpan.FromMinutes(3) });
        w.Cloud.Control.CreateCluster(Cluster);
        w.Cloud.Control.CreateAutoScalingGroup(Group, Cluster, minSize: 2, maxSize: 4, desiredCapacity: 2, launchImmediately: true);
        var pool = await w.PutAsync(PoolYaml);
        var arns = await w.Cloud.Ecs.ListContainerInstancesAsync(Cluster, null, default);
        var lost = await Ec2InstanceOfAsync(w, arns[0]);
        w.Cloud.Control.DeregisterContainerInstance(Cluster, arns[0]); // its agent never (re)joins the cluster

        await w.TickAsync(Tick, pool);
        Assert.Contains(lost, (await w.StatusAsync(pool)).Arr("unregistered").Strings());
        Assert.Contains(await GroupInstanceIdsAsync(w), id => id == lost);

        for (var i = 0; i < 30; i++) await w.TickAsync(Tick, pool);
        Assert.DoesNotContain(lost, await GroupInstanceIdsAsync(w));
        Assert.Equal(2, (await GroupAsync(w)).DesiredCapacity);
        Assert.Contains(await w.Store.ListAsync(pool, default), e => e.Reason == "UnregisteredInstance" && e.Message.Contains(lost, StringComparison.Ordinal));
    }

    /// <summary>The service may only ask for what the ACTIVE registered instances can hold (4 tasks of 512 cpu each, less the Job's).</summary>
    private static async Task AssertServiceFitsAsync(ScalingWorld w)
    {
        var arns = await w.Cloud.Ecs.ListContainerInstancesAsync(Cluster, "ACTIVE", default);
        var desired = await w.DesiredCountAsync(Cluster, "web");
        Assert.True(desired <= 4 * arns.Count - 1, $"{w.Now:HH:mm:ss}: desired {desired} with {arns.Count} active instance(s)");
    }

    private static async Task<AutoScalingGroup> GroupAsync(ScalingWorld w) =>
        (await w.Cloud.AutoScaling.DescribeAutoScalingGroupsAsync([Group], default)).Single();

    private static async Task<IReadOnlyList<string>> GroupInstanceIdsAsync(ScalingWorld w) =>
        (await GroupAsync(w)).Instances.Where(i => i.LifecycleState is "InService" or "Pending").Select(i => i.InstanceId).ToList();

    private static async Task<string> Ec2InstanceOfAsync(ScalingWorld w, string containerInstanceArn) =>
        (await w.Cloud.Ecs.DescribeContainerInstancesAsync(Cluster, [containerInstanceArn], default)).Single().Str("ec2InstanceId")!;
}
