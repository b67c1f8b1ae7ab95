using System.Text;
using Ecsctl.Manifests;
using Ecsctl.Output;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Manifests.Apply;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

internal sealed record DiffOptions(IReadOnlyList<string> Files, string? Namespace = null);

/// <summary>Errors non-empty: no diff was computed.</summary>
internal sealed record DiffReport(string Diff, IReadOnlyList<ManifestError> Errors)
{
    public bool HasDifferences => Diff.Length > 0;
}

/// <summary><c>ecsctl diff</c>: what apply would change, as a unified diff of canonical renderings (keys sorted, status
/// left out) of the stored and the given document. A stored manifest that is invalid is compared as its raw text.</summary>
internal sealed class DiffService(IResourceStore store)
{
    public async Task<DiffReport> DiffAsync(DiffOptions options, TextReader stdin, CancellationToken ct)
    {
        var loaded = await ManifestSources.LoadAsync(options.Files, stdin, options.Namespace, ct);
        if (!loaded.Ok) return new DiffReport("", loaded.Errors);
        var sb = new StringBuilder();
        foreach (var doc in loaded.Documents)
        {
            var current = await store.GetAsync(doc.Key, ct);
            var stored = current is null ? "" : StoredItem.From(current) is { Document: { } d } ? Canonical.Yaml(d) : current.Manifest;
            var pk = doc.Key.Pk;
            sb.Append(UnifiedDiff.Render(stored, Canonical.Yaml(doc), current is null ? "/dev/null" : $"a/{pk} (stored)", $"b/{pk} ({doc.File})"));
        }

        return new DiffReport(sb.ToString(), []);
    }
}
