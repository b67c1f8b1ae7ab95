using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Controller;

/// <summary>Kubernetes-style conditions inside a status JSON object (<c>status.conditions[]</c>).</summary>
public static class StatusConditions
{
    /// <summary>Sets a condition; lastTransitionTime changes only when the status value changes. Returns whether anything changed.</summary>
    public static bool Set(JsonObject status, string type, string value, string reason, string message, DateTimeOffset now)
    {
        if (status["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            status["conditions"] = conditions;
        }
        var existing = conditions.Objects().FirstOrDefault(c => c.Str("type") == type);
        if (existing is null)
        {
            conditions.Add(new JsonObject
            {
                ["type"] = type, ["status"] = value, ["reason"] = reason, ["message"] = message,
                ["lastTransitionTime"] = now.ToString("O"),
            });
            return true;
        }
        var changed = false;
        if (existing.Str("status") != value)
        {
            existing["status"] = value;
            existing["lastTransitionTime"] = now.ToString("O");
            changed = true;
        }
        if (existing.Str("reason") != reason)
        {
            existing["reason"] = reason;
            changed = true;
        }
        if (existing.Str("message") != message)
        {
            existing["message"] = message;
            changed = true;
        }
        return changed;
    }

    public static JsonObject? Get(JsonObject? status, string type) =>
        status.Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == type);

    public static bool IsTrue(JsonObject? status, string type) => Get(status, type).Str("status") == "True";
}
