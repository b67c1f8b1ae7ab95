using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Manifests.Apply;

public sealed record ApplyLine(ResourceKey Key, PutOutcome Outcome);

/// <summary>Errors non-empty: nothing was applied.</summary>
public sealed record ApplyReport(IReadOnlyList<ApplyLine> Lines, IReadOnlyList<ManifestError> Errors);

/// <summary>
/// The one apply path (<c>ecsctl apply</c>, <c>ecs-operator local --apply</c>): when any document is invalid nothing
/// is applied; otherwise each document is written (its canonical YAML, status removed) unless the stored one means
/// the same. <c>dryRun</c> computes the same outcomes and writes nothing.
/// </summary>
public sealed class ManifestApplier(IResourceStore store)
{
    private const int Attempts = 5;

    public async Task<ApplyReport> ApplyAsync(LoadedManifests loaded, bool dryRun, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        if (!loaded.Ok) return new ApplyReport([], loaded.Errors);
        var lines = new List<ApplyLine>();
        foreach (var doc in loaded.Documents)
        {
            lines.Add(new ApplyLine(doc.Key, await ApplyOneAsync(doc, dryRun, ct)));
        }

        return new ApplyReport(lines, []);
    }

    /// <summary>What applying <paramref name="doc"/> does (or would do), retrying when someone else writes the item meanwhile.</summary>
    public async Task<PutOutcome> ApplyOneAsync(ResourceDocument doc, bool dryRun, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(doc);
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

    /// <summary>The stored manifest is a valid document for its own key and means the same as <paramref name="root"/>
    /// (key order, formatting and status aside).</summary>
    public static bool SameDocument(StoredResource current, JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(current);
        var parsed = ManifestParser.ParseSingle(current.Manifest, current.Key.Pk);
        return parsed.Ok && parsed.Documents.Count == 1 && parsed.Documents[0].Key == current.Key
            && JsonNode.DeepEquals(parsed.Documents[0].Root, root);
    }
}
