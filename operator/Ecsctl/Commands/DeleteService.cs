using EcsOperator.Core.Manifests;
using EcsOperator.Core.Manifests.Apply;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

internal sealed record DeleteOptions(IReadOnlyList<ResourceKey> Keys, IReadOnlyList<string> Files, bool DryRun, string? Namespace = null);

internal sealed record DeleteLine(ResourceKey Key, bool Found);

/// <summary>Errors non-empty: nothing was deleted.</summary>
internal sealed record DeleteReport(IReadOnlyList<DeleteLine> Lines, IReadOnlyList<ManifestError> Errors, IReadOnlyList<string>? Skipped = null);

/// <summary><c>ecsctl delete</c>: marks for deletion by key, or every document of <c>-f</c> files (all of which must be
/// valid first). The items stay, shown as Terminating, until the operator has removed their ECS objects.</summary>
internal sealed class DeleteService(IResourceStore store)
{
    public async Task<DeleteReport> DeleteAsync(DeleteOptions options, TextReader stdin, CancellationToken ct)
    {
        var keys = new List<ResourceKey>(options.Keys);
        IReadOnlyList<string> skipped = [];
        if (options.Files.Count > 0)
        {
            var loaded = await ManifestSources.LoadAsync(options.Files, stdin, options.Namespace, ct);
            skipped = loaded.Skipped;
            if (!loaded.Ok) return new DeleteReport([], loaded.Errors, skipped);
            keys.AddRange(loaded.Documents.Select(d => d.Key));
        }

        var lines = new List<DeleteLine>();
        foreach (var key in keys.Distinct())
        {
            // A mark, not a removal: the operator removes what the document made, then the item (its finalizer).
            var found = options.DryRun ? await store.GetAsync(key, ct) is not null : await store.MarkForDeletionAsync(key, ct);
            lines.Add(new DeleteLine(key, found));
        }

        return new DeleteReport(lines, [], skipped);
    }
}
