using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Manifests.Validation;

internal static partial class KindRules
{
    /// <summary>The parts of a pass-through task definition ECS rejects outright: containerDefinitions with a name and image each.</summary>
    private static void CheckTaskDefinition(JsonObject td, string path, ValidationContext ctx)
    {
        if (!td.TryGetPropertyValue("containerDefinitions", out var defsNode) || defsNode is null)
        {
            ctx.AtNode(td, $"{path}.containerDefinitions", "required field is missing (a task definition needs at least one container)");
            return;
        }
        if (defsNode is not JsonArray defs || defs.Count == 0)
        {
            ctx.AtNode(defsNode, $"{path}.containerDefinitions", "must be a non-empty list of container definitions");
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < defs.Count; i++)
        {
            var itemPath = $"{path}.containerDefinitions[{i}]";
            if (defs[i] is not JsonObject c)
            {
                ctx.AtNode(defs[i] ?? defs, itemPath, $"expected a mapping, got {SchemaValidator.Describe(defs[i])}");
                continue;
            }
            foreach (var field in new[] { "name", "image" })
            {
                if (!c.ContainsKey(field)) ctx.AtNode(c, $"{itemPath}.{field}", "required field is missing");
                else if (c.Str(field) is not { Length: > 0 }) ctx.AtMember(c, field, $"{itemPath}.{field}", $"expected a non-empty string, got {SchemaValidator.Describe(c[field])}");
            }
            if (c.Str("name") is { Length: > 0 } name && !names.Add(name))
                ctx.AtMember(c, "name", $"{itemPath}.name", $"duplicate container name '{name}'");
        }
        CheckTaskAmounts(td, path, ctx);
        CheckReferences(td, defs, path, ctx);
    }

    private static HashSet<string> ContainerNames(JsonObject? td) =>
        td.Arr("containerDefinitions").Objects().Select(c => c.Str("name")).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private static void CheckContainerRef(JsonObject owner, HashSet<string> containers, string path, ValidationContext ctx)
    {
        if (containers.Count > 0 && owner.Str("container") is { } name && !containers.Contains(name))
            ctx.AtMember(owner, "container", path, $"no container named '{name}' in the task definition{DidYouMean.Hint(name, containers)}");
    }
}
