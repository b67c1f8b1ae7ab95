using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>Clusters and container instances (ACTIVE, DRAINING, INACTIVE).</summary>
internal sealed partial class SimWorld
{
    public ClusterRec CreateCluster(string name, JsonObject? request)
    {
        if (State.Clusters.TryGetValue(name, out var existing) && existing.Status == "ACTIVE") return existing;
        var c = new ClusterRec
        {
            Name = name, Arn = Arns.Cluster(name), Request = request?.DeepClone().AsObject() ?? [],
            Tags = request.Arr("tags")?.DeepClone().AsArray() ?? [],
        };
        State.Clusters[name] = c;
        Changed();
        return c;
    }

    public static string NewEc2InstanceId() => "i-" + Guid.NewGuid().ToString("N")[..17];

    public InstanceRec RegisterInstance(ClusterRec c, string instanceType, string availabilityZone, string? ec2InstanceId, string? groupName,
        JsonArray? tags = null, string osFamily = "LINUX", bool external = false)
    {
        var (cpu, memory) = InstanceTypes.Resources(instanceType);
        var id = NewId();
        var i = new InstanceRec
        {
            Id = id, Arn = Arns.ContainerInstance(c.Name, id), Cluster = c.Name, Ec2InstanceId = ec2InstanceId ?? NewEc2InstanceId(),
            InstanceType = instanceType, AvailabilityZone = availabilityZone, Cpu = cpu, Memory = memory, Status = "ACTIVE",
            RegisteredAt = Now, GroupName = groupName, Tags = tags ?? [],
            Gpus = InstanceTypes.Gpus(instanceType), Architecture = InstanceTypes.Architecture(instanceType), OsFamily = osFamily, External = external,
        };
        c.Instances[id] = i;
        c.InstanceArns.Add(i.Arn);
        WakeStarved(c);
        WakeDaemons(c);
        Changed();
        return i;
    }

    /// <summary>ACTIVE ↔ DRAINING. Draining moves service tasks elsewhere (within the deployment limits).</summary>
    public void SetInstanceStatus(ClusterRec c, InstanceRec i, string status)
    {
        if (i.Status == status || i.Status == "INACTIVE") return;
        i.Status = status;
        i.Version++;
        var services = i.Tasks.Where(t => t.ServiceName is not null).Select(t => t.ServiceName!).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in services)
        {
            if (c.Services.TryGetValue(name, out var s)) MarkDirty(s);
        }
        if (status == "ACTIVE") WakeStarved(c);
        WakeDaemons(c);
        Changed();
    }

    /// <summary>The EC2 instance went away: its tasks stop and the container instance becomes INACTIVE, then is removed.</summary>
    public void DeregisterInstance(ClusterRec c, InstanceRec i, string why)
    {
        foreach (var t in i.Tasks.ToList())
        {
            BeginStop(c, t, "ServiceSchedulerInitiated", why, failed: false);
        }
        i.Status = "INACTIVE";
        i.Version++;
        c.Instances.Remove(i.Id);
        c.InstanceArns.Remove(i.Arn);
        foreach (var t in i.Tasks.ToList()) Release(i, t);
        WakeDaemons(c);
        Changed();
    }
}
