using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Aws;

/// <summary>The tags the operator puts on everything it creates, and reads to decide what it owns.</summary>
public static class OperatorTags
{
    /// <summary>Value "true" on every ECS resource the operator manages.</summary>
    public const string Managed = "ecs.operator/managed";

    /// <summary>The owning resource's key, <c>&lt;Kind&gt;/&lt;namespace&gt;/&lt;name&gt;</c>.</summary>
    public const string Owner = "ecs.operator/owner";

    /// <summary>The epoch of the store whose operator created the object (<see cref="Store.IStoreEpochStore"/>): an
    /// operator never deletes an object carrying another store's epoch. Absent on objects made before epochs existed.</summary>
    public const string StoreEpoch = "ecs.operator/store-epoch";

    /// <summary>True when the object carries a store epoch that is not <paramref name="ours"/> (an object without the
    /// tag, or an operator that knows no epoch, is not "another store's").</summary>
    public static bool IsOtherEpoch(IReadOnlyDictionary<string, string> tags, string? ours) =>
        ours is not null && tags.TryGetValue(StoreEpoch, out var theirs) && theirs.Length > 0 && theirs != ours;

    /// <summary>The manifest generation a task definition revision was rendered from.</summary>
    public const string Generation = "ecs.operator/generation";

    /// <summary>On a Job's task: the container whose exit decides the Job (the simulator runs the workload in it).</summary>
    public const string Container = "ecs.operator/container";

    /// <summary>The value of tag <paramref name="key"/> on an ECS object (service, task, task definition
    /// described with <c>include: [TAGS]</c>), or null.</summary>
    public static string? Read(JsonObject ecsObject, string key) =>
        ecsObject.Arr("tags").Objects().FirstOrDefault(t => t.Str("key") == key).Str("value");

    /// <summary>The owner tag's text (<c>&lt;Kind&gt;/&lt;namespace&gt;/&lt;name&gt;</c>), managed or not; null when absent.</summary>
    public static string? OwnerOf(JsonObject ecsObject) => Read(ecsObject, Owner);

    /// <summary>True when the object carries <c>ecs.operator/managed: "true"</c>.</summary>
    public static bool IsManaged(JsonObject ecsObject) => Read(ecsObject, Managed) == "true";
}
