using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Events;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Events;

/// <summary>The simulated cloud publishes the EventBridge events AWS would, in the shape the operator's parser reads.</summary>
public sealed class SimEventSourceTests
{
    [Fact]
    public async Task Task_alarm_and_spot_changes_become_events_the_operator_parses()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").Build();
        sim.Control.SetAlarmState("cpu-high", "OK");
        var raised = new List<string>();
        sim.Cloud.EmitEvents(raised.Add);
        Assert.Empty(raised); // what existed before is not replayed

        await sim.RegisterAsync(EcsSamples.FargateTaskDefinition("report"));
        var tags = EcsSamples.Tags((WorkloadBehavior.RunSecondsTag, "5"));
        var arn = (await sim.SendAsync(EcsAction.RunTask, new JsonObject
        {
            ["cluster"] = "default", ["taskDefinition"] = "report", ["launchType"] = "FARGATE", ["tags"] = tags,
            ["networkConfiguration"] = EcsSamples.AwsvpcConfiguration(),
        })).Arr("tasks").Objects().Single().Str("taskArn")!;
        sim.Advance(TimeSpan.FromMinutes(1));
        sim.Control.SetAlarmState("cpu-high", "ALARM");
        sim.Advance(TimeSpan.FromSeconds(1));

        var events = raised.Select(r => AwsEventParser.Parse(r).Event).ToList();
        Assert.All(events, e => Assert.NotNull(e));
        var taskEvents = events.OfType<TaskStateChanged>().Where(t => t.TaskArn == arn).ToList();
        Assert.Equal("STOPPED", taskEvents[^1].LastStatus);
        Assert.Equal("default", taskEvents[^1].Cluster);
        Assert.Equal(taskEvents.Select(t => t.Version).Order(), taskEvents.Select(t => t.Version)); // versions rise
        var alarm = Assert.Single(events.OfType<AlarmStateChanged>());
        Assert.Equal(("cpu-high", "ALARM"), (alarm.AlarmName, alarm.State));
        Assert.Equal(sim.Time.GetUtcNow() - TimeSpan.FromSeconds(1), alarm.StateTimestamp);

        sim.Control.EnsureDefaultCluster(instanceCount: 2, name: "ec2");
        var instance = (await sim.Cloud.AutoScaling.DescribeAutoScalingGroupsAsync(["ec2-asg"], default)).Single().Instances[0].InstanceId;
        sim.Control.InterruptSpotInstance(instance);
        var warning = Assert.IsType<InstanceWarning>(AwsEventParser.Parse(raised[^1]).Event);
        Assert.Equal((instance, InstanceWarningKind.SpotInterruption), (warning.InstanceId, warning.Kind));
    }
}
