using Ecsctl.Cli;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

/// <summary>Parses resource references on the command line: <c>app/web</c>, <c>app web api</c>, or a kind alone.</summary>
internal static class ResourceRefs
{
    public static ResourceKind Kind(string text, string command) =>
        ResourceKinds.TryParse(text, out var kind)
            ? kind
            : throw new UsageException($"unknown resource kind \"{text}\"; use app, job, cronjob (cj), scalepolicy (sp) or capacitypool (cp)", command);

    /// <summary><c>kind/name ...</c> or <c>kind name ...</c>; at least one name.</summary>
    public static IReadOnlyList<ResourceKey> Keys(IReadOnlyList<string> args, string ns, string command)
    {
        if (args.Count == 0) throw new UsageException("name a resource as <kind>/<name>", command);
        if (args[0].Contains('/'))
        {
            return args.Select(a =>
            {
                var parts = a.Split('/');
                if (parts.Length != 2) throw new UsageException($"\"{a}\" is not <kind>/<name>", command);
                return Key(Kind(parts[0], command), ns, parts[1], command);
            }).ToList();
        }

        if (args.Count < 2) throw new UsageException($"name a resource as <kind>/<name> or <kind> <name>, got \"{args[0]}\"", command);
        var kind = Kind(args[0], command);
        return args.Skip(1).Select(n => Key(kind, ns, n, command)).ToList();
    }

    public static ResourceKey Key(ResourceKind kind, string ns, string name, string command)
    {
        if (!ResourceKey.IsDnsLabel(name)) throw new UsageException($"\"{name}\" is not a valid name (lower-case letters, digits and '-')", command);
        if (!ResourceKey.IsDnsLabel(ns)) throw new UsageException($"\"{ns}\" is not a valid namespace", command);
        return new ResourceKey(kind, ns, name);
    }

    /// <summary>How kubectl prints a resource: <c>app/web</c>.</summary>
    public static string Display(ResourceKey key) => $"{key.Kind.ToString().ToLowerInvariant()}/{key.Name}";
}
