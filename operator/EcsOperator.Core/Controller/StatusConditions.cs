using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Controller;

/// <summary>
/// <c>status.conditions[]</c> read from a status held as a JSON tree, for readers of any kind's status as stored
/// (ecsctl, local progress lines). Reconcilers set conditions on their typed status with
/// <see cref="Conditions.Set(IReadOnlyList{Condition}?, string, string, string, string, DateTimeOffset)"/>.
/// </summary>
public static class StatusConditions
{
    public static JsonObject? Get(JsonObject? status, string type) =>
        status.Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == type);

    public static bool IsTrue(JsonObject? status, string type) => Get(status, type).Str("status") == ConditionStatus.True;
}
