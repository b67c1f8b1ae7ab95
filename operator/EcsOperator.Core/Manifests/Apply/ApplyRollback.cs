using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Manifests.Apply;

/// <summary>One document an apply wrote: what the store held before (null: it was absent) and what it holds now.</summary>
internal sealed record AppliedWrite(ResourceKey Key, PutOutcome Outcome, StoredResource? Before, StoredResource After);

/// <summary>
/// An apply that failed part-way: the document it failed on and why, the documents written before it that were put
/// back as they were, and those that could not be (<see cref="StillWritten"/>, exactly as written by this apply).
/// </summary>
public sealed record ApplyInterruption(
    ResourceKey FailedAt, string Error, IReadOnlyList<ResourceKey> RolledBack, IReadOnlyList<ApplyLine> StillWritten,
    string? RollbackError, IReadOnlyList<ResourceKey> ChangedSince);

/// <summary>
/// Puts back what an interrupted apply wrote, newest first: a created document is removed, a configured one gets its
/// previous manifest back. Each write is conditional on the item still being exactly as the apply left it, so a write
/// by someone else in between is kept (and reported), never overwritten. Stops at the first failure of the store
/// itself: what is left is then reported exactly.
/// </summary>
internal static class ApplyRollback
{
    public static async Task<ApplyInterruption> RunAsync(IResourceStore store, IReadOnlyList<AppliedWrite> written, ResourceKey failedAt, Exception error)
    {
        // The caller's token may be what interrupted the apply; the rollback gets its own, bounded, time.
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var rolledBack = new List<ResourceKey>();
        var changedSince = new List<ResourceKey>();
        for (var i = written.Count - 1; i >= 0; i--)
        {
            var w = written[i];
            try
            {
                var done = w.Before is null
                    ? await store.DeleteAsync(w.Key, w.After.Version, budget.Token)
                    : (await store.PutAsync(w.Key, w.Before.Manifest, w.After.Version, budget.Token)).Resource is not null;
                (done ? rolledBack : changedSince).Add(w.Key);
            }
            catch (ConcurrencyException)
            {
                changedSince.Add(w.Key);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var left = written.Take(i + 1).Select(x => new ApplyLine(x.Key, x.Outcome)).ToList();
                return new ApplyInterruption(failedAt, error.Message, rolledBack, left, e.Message, changedSince);
            }
        }
        return new ApplyInterruption(failedAt, error.Message, rolledBack, [], null, changedSince);
    }
}
