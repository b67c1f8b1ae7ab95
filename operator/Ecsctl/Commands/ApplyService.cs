using System.Text.Json.Nodes;
using Ecsctl.Manifests;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

internal sealed record ApplyOptions(IReadOnlyList<string> Files, bool DryRun, string? Namespace = null);

internal sealed record ApplyLine(ResourceKey Key, PutOutcome Outcome);

/// <summary>Errors non-empty: nothing was applied.</summary>
internal sealed record ApplyReport(IReadOnlyList<ApplyLine> Lines, IReadOnlyList<ManifestError> Errors);

/// <summary>
/// <c>ecsctl apply</c>: validates every document first and applies none when any is invalid; then writes each
/// document (its canonical YAML, status removed) unless the stored one means the same. <c>DryRun</c> computes the
/// same outcomes and writes nothing.
/// </summary>
internal sealed class ApplyService(IResourceStore store)
{
    private const int Attempts = 5;

    public async Task<ApplyReport> ApplyAsync(ApplyOptions options, TextReader stdin, CancellationToken ct)
    {
        var loaded = await ManifestFiles.LoadAsync(options.Files, stdin, options.Namespace, ct);
        if (!loaded.Ok) return new ApplyReport([], loaded.Errors);
        var lines = new List<ApplyLine>();
        foreach (var doc in loaded.Documents)
        {
            lines.Add(new ApplyLine(doc.Key, await ApplyOneAsync(doc, options.DryRun, ct)));
        }

        return new ApplyReport(lines, []);
    }

    /// <summary>What applying <paramref name="doc"/> does (or would do), retrying when someone else writes the item meanwhile.</summary>
    public async Task<PutOutcome> ApplyOneAsync(ResourceDocument doc, bool dryRun, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(doc.Key, ct);
            if (current is not null && SameDocument(current, doc.Root)) return PutOutcome.Unchanged;
            var outcome = current is null ? PutOutcome.Created : PutOutcome.Configured;
            if (dryRun) return outcome;
            try
            {
                return (await store.PutAsync(doc.Key, doc.ToYaml(), current?.Version ?? Versions.MustNotExist, ct)).Outcome;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // written by someone else since we read it: read again and decide again
            }
        }
    }

    /// <summary>The stored manifest is valid and means the same document (key order, formatting and status aside).</summary>
    public static bool SameDocument(StoredResource current, JsonObject root)
    {
        var stored = StoredItem.From(current);
        return stored.Document is { } d && JsonNode.DeepEquals(d.Root, root);
    }
}
