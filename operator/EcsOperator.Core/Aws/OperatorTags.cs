namespace EcsOperator.Core.Aws;

/// <summary>The tags the operator puts on everything it creates, and reads to decide what it owns.</summary>
public static class OperatorTags
{
    /// <summary>Value "true" on every ECS resource the operator manages.</summary>
    public const string Managed = "ecs.operator/managed";

    /// <summary>The owning resource's key, <c>&lt;Kind&gt;/&lt;namespace&gt;/&lt;name&gt;</c>.</summary>
    public const string Owner = "ecs.operator/owner";

    /// <summary>The manifest generation a task definition revision was rendered from.</summary>
    public const string Generation = "ecs.operator/generation";
}
