using System.Text.Json.Nodes;
using EcsOperator.Simulator.Engine;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator;

public sealed partial class SimulatorControl
{
    private readonly List<(string InstanceId, DateTimeOffset Due)> _spotReclaims = [];

    /// <summary>How long EC2 gives a Spot instance between the interruption warning and the reclaim.</summary>
    public static readonly TimeSpan SpotNotice = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Issues an EC2 Spot Instance Interruption Warning for <paramref name="ec2InstanceId"/>: the instance is reclaimed
    /// <paramref name="notice"/> (two minutes, as EC2 does) later — its tasks stop as on a terminated host and it leaves
    /// its Auto Scaling group, which launches a replacement. Returns the warning as an EventBridge rule delivers it to
    /// SQS; when the cloud emits events (<see cref="SimulatedCloud.EmitEvents"/>) it is also handed to their sink. The
    /// pending reclaim is not saved with the state directory.
    /// </summary>
    public string InterruptSpotInstance(string ec2InstanceId, TimeSpan? notice = null)
    {
        var now = Locked(() =>
        {
            if (FindContainerInstance(ec2InstanceId) is null && _world.FindGroupInstance(ec2InstanceId) is null)
                throw SimWorld.Validation($"The instance ID '{ec2InstanceId}' does not exist");
            return _world.Now;
        });
        lock (_spotReclaims) _spotReclaims.Add((ec2InstanceId, now + (notice ?? SpotNotice)));
        var warning = new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = "EC2 Spot Instance Interruption Warning",
            ["source"] = "aws.ec2",
            ["account"] = "123456789012",
            ["time"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["region"] = _world.Options.Region,
            ["resources"] = new JsonArray($"arn:aws:ec2:{_world.Options.Region}:123456789012:instance/{ec2InstanceId}"),
            ["detail"] = new JsonObject { ["instance-id"] = ec2InstanceId, ["instance-action"] = "terminate" },
        }.ToJsonString();
        _cloud.Raise(warning);
        return warning;
    }

    /// <summary>Reclaims the Spot instances whose notice has run out (on every advance of the simulated cloud).</summary>
    internal void ReclaimDueSpotInstances()
    {
        List<string> due;
        lock (_spotReclaims)
        {
            if (_spotReclaims.Count == 0) return;
            var now = _world.Now;
            due = [.. _spotReclaims.Where(r => r.Due <= now).Select(r => r.InstanceId)];
            _spotReclaims.RemoveAll(r => r.Due <= now);
        }
        foreach (var id in due)
        {
            Locked(() =>
            {
                if (_world.FindGroupInstance(id) is var (group, member))
                {
                    member.LifecycleState = "Terminated";
                    group.Instances.Remove(member);
                    _world.ConvergeGroup(group, immediate: false);
                }
                if (FindContainerInstance(id) is var (cluster, instance))
                    _world.DeregisterInstance(cluster, instance, $"Host EC2 (instance {id}) terminated: Spot interruption.");
            });
        }
    }

    private (ClusterRec Cluster, InstanceRec Instance)? FindContainerInstance(string ec2InstanceId)
    {
        foreach (var c in _world.State.Clusters.Values)
        {
            if (c.Instances.Values.FirstOrDefault(i => i.Ec2InstanceId == ec2InstanceId) is { } i) return (c, i);
        }
        return null;
    }
}
