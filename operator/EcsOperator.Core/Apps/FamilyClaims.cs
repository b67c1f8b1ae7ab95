using System.Collections.Concurrent;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

/// <summary>
/// An App owns its task-definition family through a claim in the store (<see cref="IClaimStore"/>), taken by one
/// conditional write before it registers anything: of two Apps naming one family the first claim wins and the other
/// is <c>Degraded/FamilyConflict</c> naming the owner. A claim whose holder is gone from the store, or no longer names
/// the family, is taken over; the claim is released when the App's deletion has finished.
/// </summary>
internal sealed class FamilyClaims(IClaimStore claims, IResourceStore store, EventRecorder events, ILogger logger)
{
    /// <summary>The family each App of ours holds the claim for, as confirmed by the store (steady state reads nothing).</summary>
    private readonly ConcurrentDictionary<string, string> claimed = new(StringComparer.Ordinal);

    /// <summary>The claim name of a task-definition family.</summary>
    public static string ClaimName(string family) => "task-definition-family/" + family;

    /// <summary>True when the App holds its family's claim (taking it if free or stale); otherwise the conflict is reported.</summary>
    public async Task<bool> ClaimAsync(AppContext app, CancellationToken ct)
    {
        if (claimed.TryGetValue(app.Key.Pk, out var held) && held == app.Family) return true;
        var name = ClaimName(app.Family);
        var holder = await claims.ClaimAsync(name, app.Key.Pk, ct);
        if (holder != app.Key.Pk && !await StillNamesFamilyAsync(holder, app.Family, ct))
        {
            // the holder was deleted or renamed its family: its claim is stale, take it over (still one conditional write)
            await claims.ReleaseClaimAsync(name, holder, ct);
            holder = await claims.ClaimAsync(name, app.Key.Pk, ct);
        }
        if (holder == app.Key.Pk)
        {
            claimed[app.Key.Pk] = app.Family;
            return true;
        }
        await ReportConflictAsync(app,
            $"task definition family {app.Family} is owned by {holder}; {app.Key.Pk} names the same family " +
            "(give it another spec.taskDefinition.family, or delete the owner first)", ct);
        return false;
    }

    /// <summary>After the App's deletion has finished: gives up the family claim it held.</summary>
    public async Task ReleaseAsync(ResourceKey key, string? family, CancellationToken ct)
    {
        claimed.TryRemove(key.Pk, out var cached);
        foreach (var f in new[] { family, cached }.OfType<string>().Distinct(StringComparer.Ordinal))
            await claims.ReleaseClaimAsync(ClaimName(f), key.Pk, ct);
    }

    /// <summary>Degraded/FamilyConflict: the family, or revisions in it, belong to someone else.</summary>
    public Task ReportConflictAsync(AppContext app, string message, CancellationToken ct)
    {
        Log.FamilyConflict(logger, app.Family, message);
        app.SetBlocked("FamilyConflict", message);
        return events.WarningAsync(app.Key, "FamilyConflict", message, ct);
    }

    /// <summary>True while the holder's document exists and names the family (an unreadable one counts as naming it).</summary>
    private async Task<bool> StillNamesFamilyAsync(string holder, string family, CancellationToken ct)
    {
        if (!ResourceKey.TryParse(holder, out var key) || key.Kind != ResourceKind.App) return true;
        if (await store.GetAsync(key, ct) is not { } item) return false;
        var parsed = ManifestParser.ParseSingle(item.Manifest, key.Pk);
        if (!parsed.Ok || parsed.Documents.Count != 1) return true;
        return TaskDefinitionRenderer.FamilyName(parsed.Documents[0].GetSpec<AppSpec>(), key.Name) == family;
    }
}
