using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Apps;

/// <summary>Tags on the ECS resources an App owns (and reading them back).</summary>
public static class AppTags
{
    /// <summary>The App's deletion policy, kept on the service so it is known after the App is gone.</summary>
    public const string DeletionPolicy = "ecs.operator/deletion-policy";

    /// <summary>The task definition family, kept on the service so its revisions can be found after the App is gone.</summary>
    public const string Family = "ecs.operator/family";

    /// <summary>Annotation prefix copied onto services and task definitions (the simulator reads these tags).</summary>
    public const string SimulatorPrefix = "simulator.ecs.operator/";

    /// <summary>The annotation that takes over an existing, unowned service.</summary>
    public const string AdoptAnnotation = "ecs.operator/adopt";

    public static Dictionary<string, string> Read(JsonArray? tags)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in tags.Objects())
        {
            if (t.Str("key") is { } k) d[k] = t.Str("value") ?? "";
        }
        return d;
    }

    public static JsonArray Write(IEnumerable<KeyValuePair<string, string>> tags) =>
        new([.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);

    /// <summary>The tags that mark an ECS resource as managed by the operator for the resource <paramref name="owner"/>.</summary>
    public static Dictionary<string, string> Ownership(ResourceKey owner) => new(StringComparer.Ordinal)
    {
        [OperatorTags.Managed] = "true",
        [OperatorTags.Owner] = owner.Pk,
    };

    public static bool IsManaged(IReadOnlyDictionary<string, string> tags) => tags.GetValueOrDefault(OperatorTags.Managed) == "true";

    public static string? Owner(IReadOnlyDictionary<string, string> tags) => tags.GetValueOrDefault(OperatorTags.Owner);

    /// <summary>The tags an object gets when the reconciler creates it: <paramref name="tags"/> plus this store's epoch.
    /// (Later tag updates leave the epoch as it is: TagResource only adds and overwrites the keys it names.)</summary>
    public static Dictionary<string, string> WithEpoch(IReadOnlyDictionary<string, string> tags, string? storeEpoch)
    {
        var all = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        if (storeEpoch is { } epoch) all[OperatorTags.StoreEpoch] = epoch;
        return all;
    }
}
