using System.Text;
using Ecsctl.Manifests;
using Ecsctl.Output;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Manifests.Apply;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

internal sealed record DiffOptions(IReadOnlyList<string> Files, string? Namespace = null);

/// <summary>Errors non-empty: no diff was computed. Notes: one line each about what could not be compared.
/// Ignored: one "# ignored: PATH (spec.ignoreDifferences)" line per drift ignore rule of a given App or CapacityPool; what
/// they name is left out of the live comparison and does not count as a difference.</summary>
internal sealed record DiffReport(string Diff, IReadOnlyList<ManifestError> Errors, IReadOnlyList<string> Skipped, IReadOnlyList<string> Notes)
{
    public IReadOnlyList<string> Ignored { get; init; } = [];

    public bool HasDifferences => Diff.Length > 0;
}

/// <summary><c>ecsctl diff</c>: what apply would change, as a unified diff of canonical renderings (keys sorted, status
/// left out) of the stored and the given document (a stored manifest that is invalid is compared as its raw text).
/// For an App, also the live task definition (the newest revision the App owns) against the one the file renders,
/// both through the reconciler's normaliser. <paramref name="live"/> opens the live ECS; it returns null when there
/// is none yet (then only the manifest diff is shown, with a note).</summary>
internal sealed class DiffService(IResourceStore store, Func<LiveEcs?> live)
{
    public async Task<DiffReport> DiffAsync(DiffOptions options, TextReader stdin, CancellationToken ct)
    {
        var loaded = await ManifestSources.LoadAsync(options.Files, stdin, options.Namespace, ct);
        if (!loaded.Ok) return new DiffReport("", loaded.Errors, loaded.Skipped, []);
        var sb = new StringBuilder();
        var notes = new List<string>();
        using var ecs = loaded.Documents.Any(d => d.Key.Kind == ResourceKind.App) ? live() : null;
        if (ecs is null && loaded.Documents.Any(d => d.Key.Kind == ResourceKind.App))
        {
            notes.Add("no live state (no operator has run yet): showing the manifest diff only");
        }

        var ignoredLines = new List<string>();
        foreach (var doc in loaded.Documents)
        {
            var current = await store.GetAsync(doc.Key, ct);
            var stored = current is null ? "" : StoredItem.From(current) is { Document: { } d } ? Canonical.Yaml(d) : current.Manifest;
            var pk = doc.Key.Pk;
            sb.Append(UnifiedDiff.Render(stored, Canonical.Yaml(doc), current is null ? "/dev/null" : $"a/{pk} (stored)", $"b/{pk} ({doc.File})"));
            var rules = IgnoreRules.ParseAll(doc.Spec.Arr("ignoreDifferences")?.Select(n => n?.ToString() ?? ""),
                doc.Key.Kind == ResourceKind.CapacityPool ? IgnoreRules.PoolRoots : IgnoreRules.AppRoots);
            var hiding = new HashSet<IgnorePath>();
            if (ecs is not null && doc.Key.Kind == ResourceKind.App) sb.Append(await LiveDiffAsync(ecs, doc, rules, hiding, notes, ct));
            ignoredLines.AddRange(rules.Select(r =>
                $"# ignored: {r.Text} (spec.ignoreDifferences of {EcsOperator.Core.Manifests.Apply.ApplyCommand.Display(doc.Key)}){(hiding.Contains(r) ? ": differs from live" : "")}"));
        }

        return new DiffReport(sb.ToString(), [], loaded.Skipped, notes) { Ignored = ignoredLines };
    }

    /// <summary>The live task definition against the file's, without the ignored paths; <paramref name="hiding"/> gets
    /// the rules without which the diff would show more.</summary>
    private static async Task<string> LiveDiffAsync(LiveEcs ecs, ResourceDocument doc, IReadOnlyList<IgnorePath> rules,
        HashSet<IgnorePath> hiding, List<string> notes, CancellationToken ct)
    {
        var desired = TaskDefinitionRenderer.Request(doc);
        var liveDefinition = await AppRevisionReader.LatestOwnedAsync(ecs.Ecs, doc, ct);
        if (liveDefinition is null) notes.Add($"{EcsOperator.Core.Manifests.Apply.ApplyCommand.Display(doc.Key)}: no live task definition owned by {doc.Key.Pk} yet");
        var arn = liveDefinition?["taskDefinitionArn"]?.ToString();
        var ignored = IgnoreRules.Under(rules, "taskDefinition");
        string Render(IReadOnlyList<IReadOnlyList<string>> paths) => DefinitionDiff.TaskDefinition(liveDefinition, desired, paths,
            liveDefinition is null ? "/dev/null" : $"a/{doc.Key.Pk} task definition (live {arn})",
            $"b/{doc.Key.Pk} task definition ({doc.File})");
        var diff = Render(ignored);
        if (liveDefinition is not null)
        {
            foreach (var rule in rules.Where(r => r.Root == "taskDefinition"))
            {
                if (Render([.. ignored.Where(p => !ReferenceEquals(p, rule.Segments))]) != diff) hiding.Add(rule);
            }
        }
        return diff;
    }
}
