using EcsOperator.Core.Apps;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ecsctl.Manifests;
using EcsOperator.Core.Json;

namespace Ecsctl.Output;

/// <summary>Readers over an item's spec and status for tables and describe (JSON views: an odd status never throws).</summary>
internal static class StatusView
{
    public const string Invalid = "Invalid";

    public static JsonObject? Spec(StoredItem item) => item.Document?.Spec;

    public static string Text(JsonNode? node) => node switch
    {
        null => "-",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonArray a => string.Join(",", a.Select(Text)),
        _ => node.ToJsonString(),
    };

    public static string SpecField(StoredItem item, string name) => item.Valid ? Text(Spec(item)?[name]) : "-";

    public static string StatusField(StoredItem item, string name) => Text(item.Status?[name]);

    public static DateTimeOffset? Time(JsonObject? o, string name) =>
        EcsOperator.Core.Model.Rfc3339.Parse(o.Str(name));

    /// <summary>The condition's status ("True"/"False"/"Unknown") or null.</summary>
    public static string? Condition(StoredItem item, string type) =>
        item.Status.Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == type).Str("status");

    /// <summary>One word for the STATUS column: Terminating (marked for deletion), Invalid, Pending (no status yet),
    /// Degraded, Progressing, Available or Ready.</summary>
    public static string Summary(StoredItem item)
    {
        if (item.Resource.IsMarkedForDeletion) return "Terminating";
        if (!item.Valid) return Invalid;
        if (item.Status is null) return "Pending";
        if (Condition(item, "Invalid") == "True") return Invalid;
        if (Condition(item, "Degraded") == "True") return "Degraded";
        // A finished rollout keeps Progressing=True (reason NewRevisionAvailable, Kubernetes' convention): that is Available.
        if (Condition(item, "Progressing") == "True" && !AppRolloutState.IsRolledOut(item.Status)) return "Progressing";
        foreach (var type in new[] { "Available", "Ready" })
        {
            if (Condition(item, type) == "True") return type;
        }

        return item.Status.Long("observedGeneration") < item.Resource.Generation ? "Updating" : "Unknown";
    }
}
