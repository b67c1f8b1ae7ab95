using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Manifests.Apply;

public sealed record ApplyLine(ResourceKey Key, PutOutcome Outcome);

/// <summary>Errors non-empty: nothing was applied. <see cref="Interruption"/> set: the store failed part-way (see there).</summary>
public sealed record ApplyReport(IReadOnlyList<ApplyLine> Lines, IReadOnlyList<ManifestError> Errors, ApplyInterruption? Interruption = null);

/// <summary>
/// The one apply path (<c>ecsctl apply</c>, <c>ecs-operator local --apply</c>): when any document is invalid nothing
/// is applied; otherwise each document is written (its canonical YAML, status removed) unless the stored one means
/// the same. <c>dryRun</c> computes the same outcomes and writes nothing. All or nothing: when the store fails part-way
/// (an endpoint gone, a throttle the retries did not absorb), the documents already written are put back as they were
/// (<see cref="ApplyRollback"/>) and the report says so; if the store cannot be reached for that either, it lists
/// exactly which documents this apply left written.
/// </summary>
public sealed class ManifestApplier(IResourceStore store)
{
    private const int Attempts = 5;

    public async Task<ApplyReport> ApplyAsync(LoadedManifests loaded, bool dryRun, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        if (!loaded.Ok) return new ApplyReport([], loaded.Errors);
        var lines = new List<ApplyLine>();
        var written = new List<AppliedWrite>();
        foreach (var doc in loaded.Documents)
        {
            try
            {
                var (outcome, write) = await ApplyTrackedAsync(doc, dryRun, ct);
                lines.Add(new ApplyLine(doc.Key, outcome));
                if (write is not null) written.Add(write);
            }
            catch (Exception e) when (!dryRun && e is not (OutOfMemoryException or ArgumentException))
            {
                return new ApplyReport([], [], await ApplyRollback.RunAsync(store, written, doc.Key, e));
            }
        }

        return new ApplyReport(lines, []);
    }

    /// <summary>What applying <paramref name="doc"/> does (or would do), retrying when someone else writes the item meanwhile.</summary>
    public async Task<PutOutcome> ApplyOneAsync(ResourceDocument doc, bool dryRun, CancellationToken ct) =>
        (await ApplyTrackedAsync(doc, dryRun, ct)).Outcome;

    private async Task<(PutOutcome Outcome, AppliedWrite? Write)> ApplyTrackedAsync(ResourceDocument doc, bool dryRun, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(doc);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(doc.Key, ct);
            if (current is not null && SameDocument(current, doc.Root)) return (PutOutcome.Unchanged, null);
            var outcome = current is null ? PutOutcome.Created : PutOutcome.Configured;
            if (dryRun) return (outcome, null);
            try
            {
                var put = await store.PutAsync(doc.Key, doc.ToYaml(), current?.Version ?? Versions.MustNotExist, ct);
                return (put.Outcome, new AppliedWrite(doc.Key, put.Outcome, current, put.Resource));
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
