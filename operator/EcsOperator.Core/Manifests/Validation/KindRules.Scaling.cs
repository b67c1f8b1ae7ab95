using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests.Validation;

internal static partial class KindRules
{
    private static void CheckScalePolicy(JsonObject spec, string path, ValidationContext ctx)
    {
        foreach (var field in new[] { "targetRef", "capacityPoolRef" })
        {
            if (spec.Str(field) is { Length: > 0 } name && !ResourceKey.IsDnsLabel(name))
                ctx.AtMember(spec, field, $"{path}.{field}", $"'{name}' is not a resource name (a DNS label)");
        }
        var ceilings = Ceilings(spec);
        for (var i = 1; i < ceilings.Count; i++)
        {
            if (ceilings[i] <= ceilings[i - 1])
            {
                ctx.AtNode(spec["maxTaskCount"]![i], $"{path}.maxTaskCount[{i}]",
                    $"staged ceilings must be strictly ascending: {ceilings[i]} follows {ceilings[i - 1]}");
                break;
            }
        }
        var top = ceilings.Count > 0 ? ceilings.Max() : (int?)null;
        if (top is { } t && spec.Int("minTaskCount") is { } min && min > t)
            ctx.AtMember(spec, "minTaskCount", $"{path}.minTaskCount", $"must not exceed the highest maxTaskCount ({t}), got {min}");
        var windows = spec.Arr("scheduledMinTaskCount");
        for (var i = 0; windows is not null && i < windows.Count; i++)
        {
            if (windows[i] is not JsonObject w) continue;
            var wPath = $"{path}.scheduledMinTaskCount[{i}]";
            CheckTimeZone(w, "timeZone", $"{wPath}.timeZone", ctx);
            if (w.Str("from") is { } from && w.Str("to") is { } to && from == to)
                ctx.AtMember(w, "to", $"{wPath}.to", $"the window is empty: from and to are both {from}");
            if (top is { } tt && w.Int("count") is { } count && count > tt)
                ctx.AtMember(w, "count", $"{wPath}.count", $"must not exceed the highest maxTaskCount ({tt}), got {count}");
        }
        var up = spec.Arr("upscaleTriggers");
        for (var i = 0; up is not null && i < up.Count; i++)
        {
            if (up[i] is JsonObject trig && trig.ContainsKey("prioritizedOverUpscaleTriggers"))
                ctx.AtKey(trig, "prioritizedOverUpscaleTriggers", $"{path}.upscaleTriggers[{i}].prioritizedOverUpscaleTriggers",
                    "only downscale triggers can be prioritized over upscale triggers");
        }
    }

    private static List<int> Ceilings(JsonObject spec) => spec["maxTaskCount"] switch
    {
        JsonArray a => a.OfType<JsonValue>().Select(v => v.TryGetValue(out long l) ? (int?)l : null).OfType<int>().ToList(),
        JsonValue v when v.TryGetValue(out long l) => [(int)l],
        _ => [],
    };
}
