using System.Text.Json.Nodes;
using Ecsctl.Cli;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

/// <summary>One field <c>set</c> changed. <paramref name="ScalarPath"/>: where the new value replaces an existing
/// scalar (an in-place text edit is possible); null when an entry was added or removed.</summary>
internal sealed record FieldChange(string Field, string? Before, string? After, IReadOnlyList<object>? ScalarPath);

/// <summary>
/// The edits of <c>ecsctl set image|env</c> on a parsed manifest. The containers live in the App's
/// <c>spec.taskDefinition</c>, a Job's inline <c>spec.taskDefinition</c>, or a CronJob's
/// <c>spec.jobTemplate.spec.taskDefinition</c>. A Job (or template) with <c>appRef</c> has no image of its own and
/// keeps its variables in <c>spec.environment</c>.
/// </summary>
internal static class ManifestEdits
{
    /// <summary>Sets each named container's image (<c>*</c>: every container); returns what changed.</summary>
    public static IReadOnlyList<FieldChange> SetImages(ResourceKey key, JsonObject root, IReadOnlyList<(string Container, string Image)> images)
    {
        var (specPath, spec) = JobSpecOf(key, root);
        if (spec.Obj("taskDefinition") is not { } td)
        {
            throw new CommandFailedException($"{ResourceRefs.Display(key)} runs app/{spec.Str("appRef")}'s task definition (appRef): set the image on app/{spec.Str("appRef")}");
        }

        var changes = new List<FieldChange>();
        var containers = td.Arr("containerDefinitions") ?? [];
        foreach (var (container, image) in images)
        {
            var indexes = container == "*" ? Enumerable.Range(0, containers.Count).ToList() : [ContainerIndex(key, containers, container)];
            foreach (var i in indexes)
            {
                var c = (JsonObject)containers[i]!;
                var before = c.Str("image");
                if (before == image) continue;
                c["image"] = image;
                changes.Add(new FieldChange($"container {c.Str("name")} image", before, image,
                    before is null ? null : [.. specPath, "taskDefinition", "containerDefinitions", i, "image"]));
            }
        }

        return changes;
    }

    /// <summary>Sets (<c>KEY=VALUE</c>, value non-null) or removes (<c>KEY-</c>, value null) the container's variables.</summary>
    public static IReadOnlyList<FieldChange> SetEnv(ResourceKey key, JsonObject root, string container, IReadOnlyList<(string Name, string? Value)> env)
    {
        var (specPath, spec) = JobSpecOf(key, root);
        if (spec.Obj("taskDefinition") is not { } td) return SetJobEnvironment(key, specPath, spec, container, env);
        var containers = td.Arr("containerDefinitions") ?? [];
        var i = ContainerIndex(key, containers, container);
        var c = (JsonObject)containers[i]!;
        var changes = new List<FieldChange>();
        foreach (var (name, value) in env)
        {
            if (c.Arr("secrets").Objects().Any(s => s.Str("name") == name))
                throw new CommandFailedException($"{name} is a secret of container {container} (secrets[].valueFrom); set env does not change secrets");
            var list = c.Arr("environment");
            var entries = list.Objects().ToList();
            var j = entries.FindIndex(e => e.Str("name") == name);
            var before = j < 0 ? null : entries[j].Str("value");
            if (value is null)
            {
                if (j < 0) continue;
                list!.RemoveAt(j);
                if (list.Count == 0) c.Remove("environment");
                changes.Add(new FieldChange($"container {container} env {name}", before, null, null));
                continue;
            }

            if (j >= 0 && before == value) continue;
            if (j >= 0)
            {
                var scalar = entries[j]["value"] is JsonValue ? (IReadOnlyList<object>)[.. specPath, "taskDefinition", "containerDefinitions", i, "environment", list!.IndexOf(entries[j]), "value"] : null;
                entries[j]["value"] = value;
                changes.Add(new FieldChange($"container {container} env {name}", before, value, scalar));
                continue;
            }

            if (list is null) c["environment"] = list = [];
            list.Add(new JsonObject { ["name"] = name, ["value"] = value });
            changes.Add(new FieldChange($"container {container} env {name}", null, value, null));
        }

        return changes;
    }

    /// <summary>A Job with appRef: its variables are the <c>spec.environment</c> map, for the container it names.</summary>
    private static List<FieldChange> SetJobEnvironment(ResourceKey key, IReadOnlyList<object> specPath, JsonObject spec, string container, IReadOnlyList<(string Name, string? Value)> env)
    {
        if (spec.Str("container") is { } own && own != container)
            throw new CommandFailedException($"{ResourceRefs.Display(key)} overrides container {own}, not {container}: ecsctl set env {ResourceRefs.Display(key)} {own} KEY=VALUE");
        var changes = new List<FieldChange>();
        foreach (var (name, value) in env)
        {
            var map = spec.Obj("environment");
            var before = map?[name] is JsonValue v ? v.ToString() : null;
            if (value is null)
            {
                if (map is null || !map.ContainsKey(name)) continue;
                map.Remove(name);
                if (map.Count == 0) spec.Remove("environment");
                changes.Add(new FieldChange($"env {name}", before, null, null));
                continue;
            }

            if (before == value && map!.ContainsKey(name)) continue;
            var existed = map is not null && map.ContainsKey(name);
            if (map is null) spec["environment"] = map = [];
            map[name] = value;
            changes.Add(new FieldChange($"env {name}", before, value, existed && before is not null ? [.. specPath, "environment", name] : null));
        }

        return changes;
    }

    private static (IReadOnlyList<object> Path, JsonObject Spec) JobSpecOf(ResourceKey key, JsonObject root) => key.Kind switch
    {
        ResourceKind.App or ResourceKind.Job => (["spec"], root.Obj("spec")!),
        ResourceKind.CronJob => (["spec", "jobTemplate", "spec"], root.Obj("spec")!.Obj("jobTemplate")!.Obj("spec")!),
        _ => throw new UsageException($"set works on apps, jobs and cronjobs, not {key.Kind.ToString().ToLowerInvariant()}", "set"),
    };

    private static int ContainerIndex(ResourceKey key, JsonArray containers, string name)
    {
        for (var i = 0; i < containers.Count; i++)
        {
            if (containers[i] is JsonObject c && c.Str("name") == name) return i;
        }

        var names = string.Join(", ", containers.OfType<JsonObject>().Select(c => c.Str("name")));
        throw new CommandFailedException($"{ResourceRefs.Display(key)} has no container \"{name}\"; its containers: {names}");
    }
}
