using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>Why an instance cannot host a task, in ECS's failure-reason words.</summary>
internal sealed record PlacementMiss(InstanceRec Instance, string Reason);

/// <param name="TaskDefinition">Its GPUs, runtime platform and compatibilities decide which instances qualify at all.</param>
/// <param name="LaunchType">EC2 places on EC2 instances, EXTERNAL on ECS Anywhere instances.</param>
internal sealed record PlacementRequest(
    int Cpu, int Memory, IReadOnlyList<int> HostPorts, string Group, JsonArray? Constraints, JsonArray? Strategy,
    TaskDefRec? TaskDefinition = null, string LaunchType = "EC2");

/// <summary>EC2 placement: remaining CPU/memory/ports, memberOf/distinctInstance constraints, binpack/spread/random.</summary>
internal sealed partial class SimWorld
{
    private static readonly string[] FargateZones = ["a", "b", "c"];
    private int _fargateZone;

    public string NextFargateZone() => Options.Region + FargateZones[_fargateZone++ % FargateZones.Length];

    /// <summary>The best ACTIVE instance for one task, or null with the reason per instance.</summary>
    public InstanceRec? Place(ClusterRec c, PlacementRequest req, List<PlacementMiss> misses)
    {
        misses.Clear();
        List<InstanceRec>? fits = null;
        foreach (var i in c.Instances.Values)
        {
            if (i.Status != "ACTIVE") continue;
            var why = Check(i, req);
            if (why is null) (fits ??= []).Add(i);
            else misses.Add(new PlacementMiss(i, why));
        }
        if (fits is null) return null;
        if (fits.Count == 1) return fits[0];
        return Choose(c, fits, req);
    }

    private string? Check(InstanceRec i, PlacementRequest req)
    {
        if (Unqualified(i, req) is { } why) return why;
        if (req.Cpu > i.Cpu - i.UsedCpu) return "RESOURCE:CPU";
        if (req.Memory > i.Memory - i.UsedMemory) return "RESOURCE:MEMORY";
        foreach (var p in req.HostPorts)
        {
            if (i.UsedPorts.Contains(p) || ReservedPorts.Contains(p)) return "RESOURCE:PORTS";
        }
        foreach (var con in req.Constraints.Objects())
        {
            if (con.Str("type") == "distinctInstance" && i.Tasks.Any(t => t.Group == req.Group && t.DesiredStatus == "RUNNING"))
                return "DistinctInstance placement constraint unsatisfied.";
        }
        return null;
    }

    private InstanceRec Choose(ClusterRec c, List<InstanceRec> fits, PlacementRequest req)
    {
        var strategies = req.Strategy.Objects().ToList();
        if (strategies.Count == 0)
        {
            strategies = [
                new JsonObject { ["type"] = "spread", ["field"] = "attribute:ecs.availability-zone" },
                new JsonObject { ["type"] = "spread", ["field"] = "instanceId" },
            ];
        }
        IEnumerable<InstanceRec> ordered = fits.OrderBy(_ => 0);
        Dictionary<string, int>? perZone = null;
        foreach (var s in strategies)
        {
            var type = s.Str("type");
            var field = s.Str("field") ?? "";
            var o = (IOrderedEnumerable<InstanceRec>)ordered;
            switch (type)
            {
                case "binpack":
                    ordered = string.Equals(field, "cpu", StringComparison.OrdinalIgnoreCase)
                        ? o.ThenBy(i => i.Cpu - i.UsedCpu)
                        : o.ThenBy(i => i.Memory - i.UsedMemory);
                    break;
                case "spread" when string.Equals(field, "instanceId", StringComparison.OrdinalIgnoreCase) || string.Equals(field, "host", StringComparison.OrdinalIgnoreCase):
                    ordered = o.ThenBy(i => GroupCount(i, req.Group));
                    break;
                case "spread":
                    perZone ??= ZoneCounts(c, req.Group, field);
                    ordered = o.ThenBy(i => perZone.GetValueOrDefault(Attribute(i, field) ?? ""));
                    break;
                case "random":
                    ordered = o.ThenBy(_ => Random.Next());
                    break;
            }
        }
        return ((IOrderedEnumerable<InstanceRec>)ordered).ThenBy(i => i.Arn, StringComparer.Ordinal).First();
    }

    private static int GroupCount(InstanceRec i, string group)
    {
        var n = 0;
        foreach (var t in i.Tasks) if (t.Group == group && t.DesiredStatus == "RUNNING") n++;
        return n;
    }

    private static Dictionary<string, int> ZoneCounts(ClusterRec c, string group, string field)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in c.Instances.Values)
        {
            if (i.Status != "ACTIVE") continue;
            var key = Attribute(i, field) ?? "";
            counts[key] = counts.GetValueOrDefault(key) + GroupCount(i, group);
        }
        return counts;
    }

    public static string? Attribute(InstanceRec i, string field) => field switch
    {
        "attribute:ecs.availability-zone" => i.AvailabilityZone,
        "attribute:ecs.instance-type" => i.InstanceType,
        "attribute:ecs.os-type" => OsType(i),
        "attribute:ecs.os-family" => i.OsFamily,
        "attribute:ecs.cpu-architecture" => i.Architecture,
        "instanceId" or "host" => i.Ec2InstanceId,
        _ => null,
    };

    /// <summary>The request's constraints plus the task definition's own (memberOf), as ECS applies both.</summary>
    public static JsonArray? Constraints(JsonArray? request, TaskDefRec td)
    {
        var fromTd = td.Body.Arr("placementConstraints");
        if (fromTd is null || fromTd.Count == 0) return request;
        var all = new JsonArray();
        foreach (var c in request.Objects()) all.Add(c.DeepClone());
        foreach (var c in fromTd.Objects()) all.Add(c.DeepClone());
        return all;
    }

    /// <summary>Ports the ECS agent and Docker reserve on every instance.</summary>
    public static readonly IReadOnlySet<int> ReservedPorts = new HashSet<int> { 22, 2375, 2376, 51678, 51679 };

    public static void Reserve(InstanceRec i, TaskRec t)
    {
        if (!i.Tasks.Add(t)) return;
        i.UsedCpu += t.Cpu;
        i.UsedMemory += t.Memory;
        foreach (var p in t.HostPorts) i.UsedPorts.Add(p);
        i.Version++;
    }

    public static void Release(InstanceRec i, TaskRec t)
    {
        if (!i.Tasks.Remove(t)) return;
        i.UsedCpu -= t.Cpu;
        i.UsedMemory -= t.Memory;
        foreach (var p in t.HostPorts) i.UsedPorts.Remove(p);
        i.Version++;
    }

    /// <summary>ECS's service event text for a task that could not be placed.</summary>
    public static string PlacementFailureText(IReadOnlyList<PlacementMiss> misses)
    {
        if (misses.Count == 0) return "Reason: No Container Instances were found in your cluster.";
        var closest = misses[0];
        var what = closest.Reason switch
        {
            "RESOURCE:CPU" => "has insufficient CPU units available",
            "RESOURCE:MEMORY" => "has insufficient memory available",
            "RESOURCE:PORTS" => "is already using a port required by your task",
            "RESOURCE:GPU" => "has insufficient GPU available",
            "ATTRIBUTE" => "is missing an attribute required by your task",
            _ => "encountered error \"" + closest.Reason.TrimEnd('.') + "\"",
        };
        return $"The closest matching (container-instance {closest.Instance.Id}) {what}.";
    }
}
