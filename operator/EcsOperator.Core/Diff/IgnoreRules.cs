using System.Text.Json.Nodes;

namespace EcsOperator.Core.Diff;

/// <summary>One <c>spec.ignoreDifferences</c> entry: the root it starts at (<c>service</c>, <c>taskDefinition</c>,
/// <c>desiredCount</c>, <c>desiredCapacity</c>) and the members below it.</summary>
public sealed record IgnorePath(string Text, string Root, IReadOnlyList<string> Segments)
{
    /// <summary>The entry as a dotted path, as diff output and events show it.</summary>
    public string Display => Segments.Count == 0 ? Root : $"{Root}.{string.Join('.', Segments)}";
}

/// <summary>
/// Drift ignore rules: paths the operator leaves out of its comparison with the live resource because another owner
/// (Application Auto Scaling, a cost tool, an operator during an incident) changes them on purpose. A path is a JSON
/// pointer (<c>/service/capacityProviderStrategy</c>) or a dotted path (<c>service.capacityProviderStrategy</c>,
/// <c>taskDefinition.containerDefinitions[app].image</c>). A list item is addressed by its identity, not its position
/// (ECS and the normaliser reorder lists): the value of its <c>name</c>, <c>key</c>, <c>capacityProvider</c> or
/// <c>containerName</c> member, or <c>*</c> for every item.
/// </summary>
public static class IgnoreRules
{
    /// <summary>Roots an App's rules may start at; only the first two take members below them.</summary>
    public static readonly IReadOnlyList<string> AppRoots = ["service", "taskDefinition", "desiredCount"];

    /// <summary>Roots a CapacityPool's rules may start at: the group setting the pool writes.</summary>
    public static readonly IReadOnlyList<string> PoolRoots = ["desiredCapacity"];

    private static readonly HashSet<string> Nested = ["service", "taskDefinition"];
    private static readonly string[] IdentityMembers = ["name", "key", "capacityProvider", "containerName"];

    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> set when it is not a path into one of <paramref name="roots"/>.</summary>
    public static IgnorePath? Parse(string? text, IReadOnlyList<string> roots, out string? error)
    {
        error = null;
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            error = "empty path";
            return null;
        }
        var segments = t.StartsWith('/') ? Pointer(t) : Dotted(t, out error);
        if (segments is null) return null;
        if (segments.Any(s => s.Length == 0))
        {
            error = $"'{t}' has an empty segment";
            return null;
        }
        var root = segments[0];
        if (!roots.Contains(root, StringComparer.Ordinal))
        {
            error = $"'{t}' must start at {string.Join(", ", roots)}";
            return null;
        }
        var rest = segments.Skip(1).ToList();
        if (Nested.Contains(root) && rest.Count == 0)
        {
            error = $"'{t}' ignores the whole {root}; name a field inside it (e.g. {root}.{(root == "service" ? "capacityProviderStrategy" : "containerDefinitions[app].image")})";
            return null;
        }
        if (!Nested.Contains(root) && rest.Count > 0)
        {
            error = $"'{t}': {root} has no fields below it";
            return null;
        }
        if (root == "service" && rest[0] == "desiredCount")
        {
            error = $"'{t}': the service's count is ignored with the path 'desiredCount'";
            return null;
        }
        return new IgnorePath(t, root, rest);
    }

    /// <summary>The valid entries of <paramref name="texts"/> (validation rejects the others before they are stored).</summary>
    public static IReadOnlyList<IgnorePath> ParseAll(IEnumerable<string>? texts, IReadOnlyList<string> roots) =>
        texts is null ? [] : [.. texts.Select(t => Parse(t, roots, out _)).OfType<IgnorePath>()];

    /// <summary>True when a rule names <paramref name="root"/> itself (<c>desiredCount</c>, <c>desiredCapacity</c>).</summary>
    public static bool IgnoresRoot(IReadOnlyList<IgnorePath> rules, string root) => rules.Any(r => r.Root == root && r.Segments.Count == 0);

    /// <summary>The rules under <paramref name="root"/>, each as the segments below it.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Under(IReadOnlyList<IgnorePath> rules, string root) =>
        [.. rules.Where(r => r.Root == root && r.Segments.Count > 0).Select(r => r.Segments)];

    /// <summary>A copy of <paramref name="node"/> without what <paramref name="paths"/> name (each path relative to it).</summary>
    public static JsonNode? Without(JsonNode? node, IReadOnlyList<IReadOnlyList<string>> paths)
    {
        var copy = node?.DeepClone();
        foreach (var p in paths) Remove(copy, p, 0);
        return copy;
    }

    /// <summary>A copy of <paramref name="desired"/> in which what <paramref name="paths"/> name holds the live value
    /// (or is absent when live has none): what is sent to put the other members back while leaving these alone.</summary>
    public static JsonNode? Graft(JsonNode? desired, JsonNode? live, IReadOnlyList<IReadOnlyList<string>> paths)
    {
        var copy = desired?.DeepClone();
        foreach (var p in paths) Graft(copy, live, p, 0);
        return copy;
    }

    private static void Remove(JsonNode? node, IReadOnlyList<string> path, int at)
    {
        var last = at == path.Count - 1;
        switch (node)
        {
            case JsonObject o:
                if (last) o.Remove(path[at]);
                else Remove(o[path[at]], path, at + 1);
                break;
            case JsonArray a:
                for (var i = a.Count - 1; i >= 0; i--)
                {
                    if (!Matches(a[i], path[at])) continue;
                    if (last) a.RemoveAt(i);
                    else Remove(a[i], path, at + 1);
                }
                break;
        }
    }

    private static void Graft(JsonNode? desired, JsonNode? live, IReadOnlyList<string> path, int at)
    {
        var last = at == path.Count - 1;
        switch (desired)
        {
            case JsonObject o:
                var liveChild = (live as JsonObject)?[path[at]];
                if (!last) Graft(o[path[at]], liveChild, path, at + 1);
                else if (liveChild is null) o.Remove(path[at]);
                else o[path[at]] = liveChild.DeepClone();
                break;
            case JsonArray a:
                var liveItems = (live as JsonArray)?.Where(x => Matches(x, path[at])).ToList() ?? [];
                if (last)
                {
                    // The items named keep their live form (those only live has too), the others stay as desired.
                    for (var i = a.Count - 1; i >= 0; i--)
                    {
                        if (Matches(a[i], path[at])) a.RemoveAt(i);
                    }
                    foreach (var x in liveItems) a.Add(x?.DeepClone());
                    break;
                }
                foreach (var item in a.Where(x => Matches(x, path[at])).ToList())
                {
                    Graft(item, liveItems.FirstOrDefault(x => SameIdentity(x, item)), path, at + 1);
                }
                break;
        }
    }

    private static bool Matches(JsonNode? item, string segment) =>
        segment == "*" || (item is JsonObject o && IdentityMembers.Any(m => o[m] is JsonValue v && v.TryGetValue<string>(out var s) && s == segment));

    private static bool SameIdentity(JsonNode? a, JsonNode? b) =>
        a is JsonObject x && b is JsonObject y && IdentityMembers.Any(m => x[m] is JsonValue v && y[m] is JsonValue w && v.ToJsonString() == w.ToJsonString());

    /// <summary>RFC 6901: "/a/b~1c" → [a, b/c].</summary>
    private static List<string> Pointer(string t) =>
        [.. t[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    /// <summary>"a.b[x].c" → [a, b, x, c].</summary>
    private static List<string>? Dotted(string t, out string? error)
    {
        error = null;
        var segments = new List<string>();
        foreach (var part in t.Split('.'))
        {
            var open = part.IndexOf('[', StringComparison.Ordinal);
            var head = open < 0 ? part : part[..open];
            segments.Add(head);
            var rest = open < 0 ? "" : part[open..];
            while (rest.Length > 0)
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (rest[0] != '[' || close < 0)
                {
                    error = $"'{t}' has an unbalanced '[' (write items as list[name])";
                    return null;
                }
                segments.Add(rest[1..close]);
                rest = rest[(close + 1)..];
            }
            if (part.Contains(']', StringComparison.Ordinal) && open < 0)
            {
                error = $"'{t}' has an unbalanced ']'";
                return null;
            }
        }
        return segments;
    }
}
