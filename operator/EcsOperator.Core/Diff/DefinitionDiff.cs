using System.Text.Json.Nodes;

namespace EcsOperator.Core.Diff;

/// <summary>What <c>ecsctl diff</c> prints: a unified diff of the YAML of two normalised task definitions.</summary>
public static class DefinitionDiff
{
    /// <summary>Empty when equivalent. <paramref name="live"/> null = nothing registered yet (everything is added).</summary>
    public static string TaskDefinition(JsonObject? live, JsonObject desired, string liveLabel = "live", string desiredLabel = "desired") =>
        UnifiedDiff.Render(
            live is null ? "" : YamlRenderer.Render(TaskDefinitionNormalizer.Normalize(live)),
            YamlRenderer.Render(TaskDefinitionNormalizer.Normalize(desired)),
            liveLabel, desiredLabel);
}
