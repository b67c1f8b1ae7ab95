using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.Ecs;

namespace EcsOperator.Simulator.Engine;

/// <summary>ECS's tag rules: at most 50, keys 1-128 characters and not starting with "aws:", values up to 256.</summary>
internal static class TagRules
{
    public static void Validate(JsonArray tags)
    {
        if (tags.Count > 50) throw EcsErrors.InvalidParameter("A resource can have at most 50 tags.");
        foreach (var t in tags)
        {
            var key = (t as JsonObject).Str("key");
            if (string.IsNullOrEmpty(key) || key.Length > 128) throw EcsErrors.InvalidParameter("Tag keys must be 1 to 128 characters.");
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)) throw EcsErrors.InvalidParameter("Tag keys beginning with 'aws:' are reserved.");
            if ((t as JsonObject).Str("value") is { Length: > 256 }) throw EcsErrors.InvalidParameter("Tag values must be at most 256 characters.");
        }
    }
}
