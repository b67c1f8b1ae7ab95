using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>What makes an instance able to run a task at all, before its free resources count: the launch type's kind of
/// instance (EC2 or ECS Anywhere), the runtime platform's operating system and CPU architecture, the GPUs the containers
/// reserve, and memberOf constraints. Reasons are ECS's RunTask failure reasons (ATTRIBUTE, RESOURCE:GPU, MemberOf).</summary>
internal sealed partial class SimWorld
{
    /// <summary>Null when the instance qualifies for the task; otherwise why not.</summary>
    private string? Unqualified(InstanceRec i, PlacementRequest req)
    {
        if (i.External != (req.LaunchType == "EXTERNAL")) return "ATTRIBUTE";
        if (req.TaskDefinition is { } td)
        {
            var platform = td.Body.Obj("runtimePlatform");
            var os = platform.Str("operatingSystemFamily") ?? "LINUX";
            if (!string.Equals(os, i.OsFamily, StringComparison.Ordinal)) return "ATTRIBUTE";
            if (platform.Str("cpuArchitecture") is { } arch && !string.Equals(arch, i.Architecture, StringComparison.OrdinalIgnoreCase)) return "ATTRIBUTE";
            if (Gpus(td) > i.Gpus - UsedGpus(i)) return "RESOURCE:GPU";
        }
        foreach (var con in req.Constraints.Objects())
        {
            if (con.Str("type") == "memberOf" && !PlacementExpression.Matches(con.Str("expression") ?? "", i))
                return "MemberOf placement constraint unsatisfied.";
        }
        return null;
    }

    /// <summary>GPUs a task of the definition reserves: the sum of its containers' GPU resourceRequirements.</summary>
    public static int Gpus(TaskDefRec td) => Gpus(td.Body);

    private static int Gpus(JsonObject taskDefinition)
    {
        var n = 0;
        foreach (var c in taskDefinition.Arr("containerDefinitions").Objects())
        {
            foreach (var r in c.Arr("resourceRequirements").Objects())
            {
                if (r.Str("type") == "GPU" && int.TryParse(r.Str("value") ?? r["value"]?.ToString(), out var g)) n += g;
            }
        }
        return n;
    }

    private int UsedGpus(InstanceRec i)
    {
        var n = 0;
        foreach (var t in i.Tasks)
        {
            if (FindTaskDef(t.TaskDefinitionArn) is { } td) n += Gpus(td);
        }
        return n;
    }

    /// <summary>The ecs.os-type attribute: linux or windows.</summary>
    public static string OsType(InstanceRec i) => i.OsFamily.StartsWith("WINDOWS", StringComparison.Ordinal) ? "windows" : "linux";
}
