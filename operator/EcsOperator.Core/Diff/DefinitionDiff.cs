using System.Text.Json.Nodes;

namespace EcsOperator.Core.Diff;

/// <summary>What <c>ecsctl diff</c> prints: a unified diff of the YAML (<see cref="Manifests.YamlWriter"/>) of two normalised task definitions.</summary>
public static class DefinitionDiff
{
    /// <summary>Empty when equivalent. <paramref name="live"/> null = nothing registered yet (everything is added).</summary>
    public static string TaskDefinition(JsonObject? live, JsonObject desired, string liveLabel = "live", string desiredLabel = "desired") =>
        TaskDefinition(live, desired, [], liveLabel, desiredLabel);

    /// <summary>As above, leaving out the paths <paramref name="ignored"/> names (relative to the task definition) on both sides.</summary>
    public static string TaskDefinition(JsonObject? live, JsonObject desired, IReadOnlyList<IReadOnlyList<string>> ignored,
        string liveLabel = "live", string desiredLabel = "desired") =>
        UnifiedDiff.Render(
            live is null ? "" : Manifests.YamlWriter.Write(Compared(live, ignored)),
            Manifests.YamlWriter.Write(Compared(desired, ignored)),
            liveLabel, desiredLabel);

    /// <summary>The normalised definition without the ignored paths (normalised again: a list left empty is absent).</summary>
    public static JsonObject Compared(JsonObject taskDefinition, IReadOnlyList<IReadOnlyList<string>> ignored)
    {
        var normalized = TaskDefinitionNormalizer.Normalize(taskDefinition);
        return ignored.Count == 0 ? normalized : TaskDefinitionNormalizer.Normalize(IgnoreRules.Without(normalized, ignored)!.AsObject());
    }
}
