using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// ECS refuses a RunTask whose <c>overrides</c> exceed 8192 characters of JSON, formatting included. A Job's command,
/// environment, cpu and memory become those overrides, so a Job over the limit is refused when it is written
/// (apply, queue, put-item), not launched to fail.
/// </summary>
public static class OverrideLimit
{
    public const int MaxCharacters = 8192;

    /// <summary>The length of the overrides a Job spec (as written) sends to RunTask; 0 when it sends none.</summary>
    public static int Characters(JsonObject spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var container = new JsonObject();
        if (spec.Arr("command") is { Count: > 0 } command) container["command"] = command.DeepClone();
        if (spec.Obj("environment") is { Count: > 0 } env)
        {
            container["environment"] = new JsonArray(env.Select(e => (JsonNode?)new JsonObject
            {
                ["name"] = e.Key, ["value"] = e.Value?.DeepClone(),
            }).ToArray());
        }
        foreach (var field in new[] { "cpu", "memory" })
        {
            if (spec[field] is { } value) container[field] = value.DeepClone();
        }
        if (container.Count == 0) return 0;
        container["name"] = spec.Str("container") ?? "";
        return new JsonObject { ["containerOverrides"] = new JsonArray(container) }.ToJsonString().Length;
    }
}
