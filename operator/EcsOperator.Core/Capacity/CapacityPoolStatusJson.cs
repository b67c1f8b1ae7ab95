using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Capacity;

/// <summary>The CapacityPool status fields other reconcilers read and the pool's own state between passes (drains, first-seen times).</summary>
public static class CapacityPoolStatusJson
{
    /// <summary>True when the pool's registered instances hold everything it planned for.</summary>
    public static bool Ready(JsonObject? status) => status.Bool("ready") == true;

    /// <summary>How many tasks of <paramref name="app"/> the pool planned capacity for (null when it has not).</summary>
    public static int? PlannedFor(JsonObject? status, ResourceKey app) => status.Obj("plannedFor").Int(app.Pk);

    internal static IReadOnlyList<DrainingInstance> Draining(JsonObject? status) =>
        status.Arr("draining").Objects()
            .Select(o => o.Str("instanceId") is { } id && Time(o.Str("since")) is { } since ? new DrainingInstance(id, since) : null)
            .OfType<DrainingInstance>().ToList();

    internal static Dictionary<string, DateTimeOffset> FirstSeen(JsonObject? status)
    {
        var map = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (id, node) in status.Obj("firstSeen") ?? [])
        {
            if (node is JsonValue v && v.TryGetValue<string>(out var s) && Time(s) is { } t) map[id] = t;
        }
        return map;
    }

    internal static JsonArray DrainingJson(IEnumerable<DrainingInstance> draining) =>
        new([.. draining.OrderBy(d => d.InstanceId, StringComparer.Ordinal)
            .Select(d => (JsonNode)new JsonObject { ["instanceId"] = d.InstanceId, ["since"] = Iso(d.Since) })]);

    internal static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
