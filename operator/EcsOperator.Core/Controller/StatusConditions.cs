using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Controller;

/// <summary>
/// <c>status.conditions[]</c> read from, and set in, a status held as a JSON tree, for code that has no typed status
/// record yet (the App reconciler) and for readers of any kind's status (ecsctl). Setting goes through the typed
/// helper, <see cref="Conditions.Set(IReadOnlyList{Condition}?, string, string, string, string, DateTimeOffset)"/>.
/// </summary>
public static class StatusConditions
{
    /// <summary>Sets a condition; lastTransitionTime changes only when the status value changes. Returns whether anything changed.</summary>
    public static bool Set(JsonObject status, string type, string value, string reason, string message, DateTimeOffset now)
    {
        var before = Read(status);
        var after = before.Set(type, value, reason, message, now);
        if (ReferenceEquals(before, after)) return false;
        status["conditions"] = StatusJson.Write(new ResourceStatus { Conditions = after })["conditions"]!.DeepClone();
        return true;
    }

    /// <summary>The typed conditions of a status (empty when it has none, or none that read as conditions).</summary>
    public static IReadOnlyList<Condition> Read(JsonObject? status) =>
        status?["conditions"] is JsonArray conditions
            ? StatusJson.Read<ResourceStatus>(new JsonObject { ["conditions"] = conditions.DeepClone() })?.Conditions ?? []
            : [];

    public static JsonObject? Get(JsonObject? status, string type) =>
        status.Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == type);

    public static bool IsTrue(JsonObject? status, string type) => Get(status, type).Str("status") == ConditionStatus.True;
}
