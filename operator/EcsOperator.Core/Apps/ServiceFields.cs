using System.Collections.Frozen;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Apps;

/// <summary>Which service settings can be changed in place, and how desired settings are compared with live ones.</summary>
internal static class ServiceFields
{
    /// <summary>Fields CreateService accepts that UpdateService cannot change.</summary>
    private static readonly FrozenSet<string> CreateOnly =
        FrozenSet.Create(StringComparer.Ordinal, "launchType", "schedulingStrategy", "role", "deploymentController");

    /// <summary>Request-only or operator-owned members that are never compared.</summary>
    private static readonly FrozenSet<string> NotCompared = FrozenSet.Create(StringComparer.Ordinal,
        "serviceName", "cluster", "taskDefinition", "desiredCount", "tags", "clientToken", "forceNewDeployment");

    /// <summary>Members ECS's DescribeServices returns for every service, filled with ECS's defaults when never set. A
    /// description without one of them comes from a backend that does not keep it (moto drops these on CreateService):
    /// there is nothing to compare the spec with, and sending it again on every pass would never converge.</summary>
    private static readonly FrozenSet<string> AlwaysDescribed = FrozenSet.Create(StringComparer.Ordinal,
        "deploymentConfiguration", "placementConstraints", "placementStrategy", "enableECSManagedTags", "enableExecuteCommand",
        "propagateTags", "deploymentController", "schedulingStrategy");

    /// <summary>True when ECS sets <paramref name="name"/> only when it creates the service (a change needs a new service).</summary>
    public static bool IsCreateOnly(string name) => CreateOnly.Contains(name);

    /// <summary>True when <paramref name="name"/> is compared with the live service: not request-only, and reported by it.</summary>
    public static bool Comparable(string name, JsonObject live) =>
        !NotCompared.Contains(name) && !(AlwaysDescribed.Contains(name) && !live.ContainsKey(name));

    /// <summary>True when every member the desired value sets is equal in the live value (live may carry more: ECS defaults).
    /// Lists of plain values (subnets, security groups) compare as sets: ECS does not keep their order.</summary>
    public static bool Covers(JsonNode? live, JsonNode? desired)
    {
        switch (desired)
        {
            case null:
                return true;
            case JsonObject d:
                if (live is not JsonObject l) return d.Count == 0;
                return d.All(p => Covers(l[p.Key], p.Value));
            case JsonArray da:
                if (live is not JsonArray la) return da.Count == 0;
                if (da.Count != la.Count) return false;
                if (da.All(x => x is JsonValue) && la.All(x => x is JsonValue))
                    return da.Select(x => Text((JsonValue)x!)).Order(StringComparer.OrdinalIgnoreCase)
                        .SequenceEqual(la.Select(x => Text((JsonValue)x!)).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < da.Count; i++)
                {
                    if (!Covers(la[i], da[i])) return false;
                }
                return true;
            default:
                if (live is not JsonValue lv || desired is not JsonValue dv) return false;
                return lv.JsonEquals(dv) || string.Equals(Text(lv), Text(dv), StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string Text(JsonValue v) => v.TryGetValue<string>(out var s) ? s : v.ToJsonString();

    /// <summary>A DAEMON service: one task per container instance; ECS takes no desiredCount and no placement strategy for it.</summary>
    public static bool IsDaemon(JsonObject? service) =>
        string.Equals(service.Str("schedulingStrategy"), "DAEMON", StringComparison.OrdinalIgnoreCase);

    /// <summary>Service members the operator adds when the user did not: replica deployments roll back on failure, tasks
    /// carry the tags. A DAEMON service keeps ECS's own deployment defaults.</summary>
    public static JsonObject WithDefaults(JsonObject? service)
    {
        var s = service?.DeepClone().AsObject() ?? [];
        if (!IsDaemon(s))
        {
            if (s["deploymentConfiguration"] is not JsonObject dc)
            {
                dc = [];
                s["deploymentConfiguration"] = dc;
            }
            dc["deploymentCircuitBreaker"] ??= new JsonObject { ["enable"] = true, ["rollback"] = true };
        }
        s["propagateTags"] ??= "TASK_DEFINITION";
        return s;
    }
}
