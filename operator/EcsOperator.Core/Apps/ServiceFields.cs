using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Apps;

/// <summary>Which service settings can be changed in place, and how desired settings are compared with live ones.</summary>
internal static class ServiceFields
{
    /// <summary>Fields CreateService accepts that UpdateService cannot change.</summary>
    public static readonly HashSet<string> CreateOnly = ["launchType", "schedulingStrategy", "role", "deploymentController"];

    /// <summary>Request-only or operator-owned members that are never compared.</summary>
    public static readonly HashSet<string> NotCompared =
        ["serviceName", "cluster", "taskDefinition", "desiredCount", "tags", "clientToken", "forceNewDeployment"];

    /// <summary>True when every member the desired value sets is equal in the live value (live may carry more: ECS defaults).</summary>
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

    /// <summary>Service members the operator adds when the user did not: deployments roll back on failure, tasks carry the tags.</summary>
    public static JsonObject WithDefaults(JsonObject? service)
    {
        var s = service?.DeepClone().AsObject() ?? [];
        if (s["deploymentConfiguration"] is not JsonObject dc)
        {
            dc = [];
            s["deploymentConfiguration"] = dc;
        }
        dc["deploymentCircuitBreaker"] ??= new JsonObject { ["enable"] = true, ["rollback"] = true };
        s["propagateTags"] ??= "TASK_DEFINITION";
        return s;
    }
}
