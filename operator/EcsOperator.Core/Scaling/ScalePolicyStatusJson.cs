using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Scaling;

/// <summary>Reads and writes the fields of a ScalePolicy's status (the state the policy keeps between passes lives here).</summary>
internal static class ScalePolicyStatusJson
{
    public static DateTimeOffset? Time(JsonObject? status, string name) =>
        status.Str(name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static CeilingTimer? Timer(JsonObject? status) =>
        status.Obj("ceilingTimer") is { } t && t.Int("ceiling") is { } c && Time(t, "reachedAt") is { } at ? new CeilingTimer(c, at) : null;

    public static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Writes the decision's view: counts, minimum and ceiling in force and why, triggers, timer.</summary>
    public static void WriteDecision(JsonObject status, ScaleDecision d, int applied, CeilingTimer? timer)
    {
        status["currentCount"] = d.CurrentCount;
        status["desiredCount"] = applied;
        status["wantedCount"] = d.DesiredCount;
        status["minimum"] = new JsonObject { ["count"] = d.Minimum.Count, ["source"] = d.Minimum.Source };
        status["currentMaxTaskCount"] = d.Ceiling.Count;
        status["ceiling"] = new JsonObject
        {
            ["count"] = d.Ceiling.Count, ["stage"] = d.Ceiling.Stage, ["reason"] = d.Ceiling.Reason,
            ["unlocksAt"] = d.Ceiling.UnlocksAt is { } u ? Iso(u) : null,
        };
        status["ceilingTimer"] = timer is null ? null : new JsonObject { ["ceiling"] = timer.Ceiling, ["reachedAt"] = Iso(timer.ReachedAt) };
        status["firedTriggers"] = new JsonArray([.. d.FiredTriggers.Select(f => (JsonNode)new JsonObject
        {
            ["kind"] = f.Kind, ["source"] = f.Source, ["effect"] = f.Effect, ["counted"] = f.Counted, ["note"] = f.Note,
        })]);
        status["missingAlarms"] = d.MissingAlarms.Count == 0 ? null : d.MissingAlarms.ToJsonArray();
    }
}
