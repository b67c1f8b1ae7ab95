using System.Globalization;
using System.Text.Json.Nodes;
using Ecsctl.Cli;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

/// <summary>The edits of <c>ecsctl scale</c> and <c>rollout restart|pause|resume</c> on a parsed manifest.</summary>
internal static class ScaleEdits
{
    /// <summary>The ScalePolicy in the App's namespace whose targetRef names it (it owns the desired count), if any.</summary>
    public static async Task<string?> PolicyOfAsync(IResourceStore store, ResourceKey app, CancellationToken ct)
    {
        foreach (var p in await store.ListAsync(ResourceKind.ScalePolicy, app.Namespace, ct))
        {
            var parsed = ManifestParser.ParseSingle(p.Manifest, p.Key.Pk);
            if (parsed.Ok && parsed.Documents[0].Spec.Str("targetRef") == app.Name) return p.Key.Name;
        }

        return null;
    }

    public static IReadOnlyList<FieldChange> SetReplicas(JsonObject root, int replicas) =>
        SetInt(root.Obj("spec")!, ["spec"], "replicas", replicas);

    public static IReadOnlyList<FieldChange> SetPolicy(JsonObject root, int? min, IReadOnlyList<int>? max)
    {
        var spec = root.Obj("spec")!;
        var changes = new List<FieldChange>();
        if (min is { } m) changes.AddRange(SetInt(spec, ["spec"], "minTaskCount", m));
        if (max is null) return changes;
        var before = spec["maxTaskCount"];
        var list = before is JsonArray a ? a.Select(n => n?.ToString()).ToList() : [before?.ToString()];
        if (list.SequenceEqual(max.Select(Text))) return changes;
        if (before is JsonArray arr && arr.Count == max.Count && arr.All(n => n is JsonValue))
        {
            for (var i = 0; i < max.Count; i++)
            {
                if (arr[i]!.ToString() == Text(max[i])) continue;
                changes.Add(new FieldChange($"maxTaskCount[{i}]", arr[i]!.ToString(), Text(max[i]), ["spec", "maxTaskCount", i]));
                arr[i] = max[i];
            }

            return changes;
        }

        spec["maxTaskCount"] = max.Count == 1 ? JsonValue.Create(max[0]) : new JsonArray([.. max.Select(x => (JsonNode)x)]);
        var scalar = before is JsonValue && max.Count == 1 ? (IReadOnlyList<object>)["spec", "maxTaskCount"] : null;
        changes.Add(new FieldChange("maxTaskCount", string.Join(",", list), string.Join(",", max.Select(Text)), scalar));
        return changes;
    }

    /// <summary>Sets (value non-null) or removes an annotation.</summary>
    public static IReadOnlyList<FieldChange> SetAnnotation(JsonObject root, string name, string? value)
    {
        var meta = root.Obj("metadata")!;
        var annotations = meta.Obj("annotations");
        var before = annotations?[name] is JsonValue v ? v.ToString() : null;
        if (before == value) return [];
        if (value is null)
        {
            annotations!.Remove(name);
            if (annotations.Count == 0) meta.Remove("annotations");
            return [new FieldChange($"annotation {name}", before, null, null)];
        }

        if (annotations is null) meta["annotations"] = annotations = [];
        annotations[name] = value;
        return [new FieldChange($"annotation {name}", before, value, before is null ? null : ["metadata", "annotations", name])];
    }

    public static int Count(string? text, string flag, string command) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException($"--{flag}: '{text}' is not a count (0 or more)", command);

    private static List<FieldChange> SetInt(JsonObject owner, IReadOnlyList<object> path, string name, int value)
    {
        var before = owner[name] is JsonValue v ? v.ToString() : null;
        if (before == Text(value)) return [];
        owner[name] = value;
        return [new FieldChange(name, before, Text(value), before is null ? null : [.. path, name])];
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
