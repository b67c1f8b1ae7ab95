using EcsOperator.Core.Aws;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>EC2 Auto Scaling groups: instances launch after a delay and register as container instances; desired
/// capacity converges with AZ balance and scale-in protection.</summary>
internal sealed partial class SimWorld
{
    public static AwsApiException Validation(string message) => new(AwsErrorKind.InvalidParameter, "ValidationError", message);

    public AsgRec CreateGroup(string name, string cluster, string instanceType, int min, int max, int desired, IReadOnlyList<string>? zones, bool immediate)
    {
        if (State.Groups.ContainsKey(name)) throw new AwsApiException(AwsErrorKind.Conflict, "AlreadyExists", $"AutoScalingGroup by this name already exists - A group with the name {name} already exists");
        if (min > max) throw Validation($"Max bound, {max}, must be greater than or equal to min bound, {min}");
        if (desired < min || desired > max) throw Validation($"Desired capacity:{desired} must be between the specified min size:{min} and max size:{max}");
        var g = new AsgRec
        {
            Name = name, Cluster = cluster, InstanceType = instanceType, MinSize = min, MaxSize = max, DesiredCapacity = desired,
            AvailabilityZones = zones is { Count: > 0 } ? [.. zones] : [Options.Region + "a", Options.Region + "b", Options.Region + "c"],
        };
        State.Groups[name] = g;
        ConvergeGroup(g, immediate);
        Changed();
        return g;
    }

    public AsgRec RequireGroup(string name) =>
        State.Groups.TryGetValue(name, out var g) ? g : throw Validation($"AutoScalingGroup name not found - AutoScalingGroup '{name}' not found");

    public (AsgRec Group, AsgInstanceRec Instance)? FindGroupInstance(string instanceId)
    {
        foreach (var g in State.Groups.Values)
        {
            var i = g.Instances.Find(x => x.InstanceId == instanceId);
            if (i is not null) return (g, i);
        }
        return null;
    }

    private void StepGroup(AsgRec g)
    {
        ConvergeGroup(g, immediate: false);
    }

    /// <summary>Completes due launches/terminations, then launches or terminates toward the desired capacity.</summary>
    public void ConvergeGroup(AsgRec g, bool immediate)
    {
        foreach (var i in g.Instances.ToList())
        {
            if (i.LifecycleState == "Pending" && (immediate || i.ReadyAt <= Now)) BringInService(g, i);
            else if (i.LifecycleState == "Terminating" && i.TerminatedAt <= Now) FinishTermination(g, i);
        }
        var active = g.Instances.Where(i => i.LifecycleState is "Pending" or "InService").ToList();
        for (var n = active.Count; n < g.DesiredCapacity; n++)
        {
            var zone = g.AvailabilityZones.OrderBy(z => active.Count(i => i.AvailabilityZone == z)).ThenBy(z => z, StringComparer.Ordinal).First();
            var inst = new AsgInstanceRec
            {
                InstanceId = NewEc2InstanceId(), AvailabilityZone = zone, LifecycleState = "Pending", LaunchedAt = Now, ReadyAt = Now + Timings.InstanceLaunch,
            };
            g.Instances.Add(inst);
            active.Add(inst);
            if (immediate || Timings.InstanceLaunch <= TimeSpan.Zero) BringInService(g, inst);
        }
        var excess = active.Count - g.DesiredCapacity;
        while (excess-- > 0)
        {
            var victim = active.Where(i => !i.ProtectedFromScaleIn)
                .OrderByDescending(i => active.Count(x => x.AvailabilityZone == i.AvailabilityZone))
                .ThenBy(i => i.LifecycleState == "Pending" ? 0 : 1)
                .ThenBy(i => i.LaunchedAt).FirstOrDefault();
            if (victim is null) break;
            active.Remove(victim);
            BeginTermination(g, victim);
        }
        var next = g.Instances.Select(i => i.LifecycleState == "Pending" ? i.ReadyAt : i.LifecycleState == "Terminating" ? i.TerminatedAt : null)
            .Where(t => t is not null).Min();
        if (next is { } at) Schedule(g, at);
        Changed();
    }

    private void BringInService(AsgRec g, AsgInstanceRec i)
    {
        i.LifecycleState = "InService";
        i.ReadyAt = Now;
        if (State.Clusters.TryGetValue(g.Cluster, out var c) && c.Status == "ACTIVE")
        {
            var ci = RegisterInstance(c, g.InstanceType, i.AvailabilityZone, i.InstanceId, g.Name);
            i.ContainerInstanceId = ci.Id;
        }
    }

    public void BeginTermination(AsgRec g, AsgInstanceRec i)
    {
        if (i.LifecycleState is "Terminating" or "Terminated") return;
        i.LifecycleState = "Terminating";
        i.TerminatedAt = Now + Timings.InstanceTerminate;
        if (Timings.InstanceTerminate <= TimeSpan.Zero) FinishTermination(g, i);
        else Schedule(g, i.TerminatedAt.Value);
    }

    private void FinishTermination(AsgRec g, AsgInstanceRec i)
    {
        i.LifecycleState = "Terminated";
        g.Instances.Remove(i);
        if (i.ContainerInstanceId is { } id && State.Clusters.TryGetValue(g.Cluster, out var c) && c.Instances.TryGetValue(id, out var ci))
            DeregisterInstance(c, ci, $"Host EC2 (instance {i.InstanceId}) terminated.");
    }
}
