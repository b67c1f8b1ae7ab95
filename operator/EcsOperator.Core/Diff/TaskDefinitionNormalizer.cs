using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Diff;

/// <summary>
/// Puts a task definition into one canonical form, so that the definition rendered from an App and the one ECS
/// describes compare equal exactly when they are equivalent: fields ECS adds on describe are removed, AWS defaults are
/// filled in, unit strings become ECS's units, numbers written as strings are unified, lists whose order ECS ignores are
/// sorted, empty lists/objects and nulls are dropped (ECS treats them as absent), and object keys are ordered.
/// Every other field passes through untouched: a field ECS adds next year still takes part in the comparison.
/// </summary>
public static partial class TaskDefinitionNormalizer
{
    /// <summary>Members DescribeTaskDefinition returns that are not part of the definition a user registers.</summary>
    private static readonly HashSet<string> DescribeOnly =
    [
        "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt",
        "registeredBy", "deregisteredAt", "deleteRequestedAt", "tags",
    ];

    /// <summary>Whether DescribeTaskDefinition returns the member without it being part of what one registers.</summary>
    public static bool IsDescribeOnly(string member) => DescribeOnly.Contains(member);

    /// <summary>Returns a new, canonical copy; the input is not changed.</summary>
    public static JsonObject Normalize(JsonObject taskDefinition)
    {
        ArgumentNullException.ThrowIfNull(taskDefinition);
        var td = new JsonObject();
        foreach (var (name, value) in taskDefinition)
        {
            if (DescribeOnly.Contains(name)) continue;
            td[name] = value?.DeepClone();
        }
        var networkMode = td.Str("networkMode") ?? "bridge";
        td["networkMode"] = networkMode;
        if (td["cpu"] is JsonValue cpu && Units.CpuUnits(cpu) is { } c) td["cpu"] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (td["memory"] is JsonValue mem && Units.MemoryMiB(mem) is { } m) td["memory"] = m.ToString(System.Globalization.CultureInfo.InvariantCulture);
        DropDocumentedDefaults(td);
        SortBy(td, "volumes", "name");
        SortScalars(td, "requiresCompatibilities");
        SortBy(td, "placementConstraints", "type", "expression");
        SortBy(td, "inferenceAccelerators", "deviceName");
        if (td["containerDefinitions"] is JsonArray containers)
        {
            foreach (var c2 in containers.Objects()) NormalizeContainer(c2, networkMode);
            SortBy(td, "containerDefinitions", "name");
        }
        return (JsonObject)Canonical(td)!;
    }

    /// <summary>True when the two definitions are equivalent.</summary>
    public static bool AreEquivalent(JsonObject a, JsonObject b) => Normalize(a).JsonEquals(Normalize(b));

    private static void NormalizeContainer(JsonObject c, string networkMode)
    {
        c["essential"] ??= true;
        foreach (var f in IntFields) ToInt(c, f);
        if (c["cpu"] is JsonValue cv && cv.GetValueKind() == JsonValueKind.Number && Number(cv) == 0) c.Remove("cpu");
        SortBy(c, "environment", "name");
        SortBy(c, "secrets", "name");
        SortBy(c, "mountPoints", "sourceVolume", "containerPath");
        SortBy(c, "volumesFrom", "sourceContainer");
        SortBy(c, "ulimits", "name");
        SortBy(c, "extraHosts", "hostname");
        SortBy(c, "systemControls", "namespace");
        SortBy(c, "dependsOn", "containerName");
        SortBy(c, "environmentFiles", "value");
        SortBy(c, "resourceRequirements", "type");
        SortScalars(c, "links");
        SortScalars(c, "dnsServers");
        SortScalars(c, "dnsSearchDomains");
        SortScalars(c, "dockerSecurityOptions");
        foreach (var mp in c.Arr("mountPoints").Objects()) mp["readOnly"] ??= false;
        foreach (var vf in c.Arr("volumesFrom").Objects()) vf["readOnly"] ??= false;
        if (c["portMappings"] is JsonArray ports)
        {
            foreach (var p in ports.Objects())
            {
                ToInt(p, "containerPort");
                ToInt(p, "hostPort");
                p["protocol"] ??= "tcp";
                if (p["protocol"] is JsonValue pv && pv.TryGetValue<string>(out var proto)) p["protocol"] = proto.ToLowerInvariant();
                if (networkMode is "awsvpc" or "host" && p["hostPort"] is null && p["containerPort"] is not null)
                    p["hostPort"] = p["containerPort"]!.DeepClone();
                if (networkMode == "bridge" && p.Int("hostPort") == 0) p.Remove("hostPort");
            }
            SortBy(c, "portMappings", "containerPort", "protocol", "hostPort", "name");
        }
        if (c.Obj("healthCheck") is { } hc)
        {
            hc["interval"] ??= 30;
            hc["timeout"] ??= 5;
            hc["retries"] ??= 3;
            foreach (var f in (string[])["interval", "timeout", "retries", "startPeriod"]) ToInt(hc, f);
            if (hc.Int("startPeriod") == 0) hc.Remove("startPeriod");
        }
    }

    private static readonly string[] IntFields = ["cpu", "memory", "memoryReservation", "startTimeout", "stopTimeout"];
}
