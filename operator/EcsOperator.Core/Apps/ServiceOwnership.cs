using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

/// <summary>
/// The tags on an App's ECS service: who owns it (one owner per service; an existing service is taken over only when
/// asked), its deletion policy and family (needed after the App is gone), and the user's own tags, kept in place.
/// </summary>
internal sealed class ServiceOwnership(IEcsApi ecs, ServiceSnapshotCache services, EventRecorder events, ILogger logger)
{
    /// <summary>Tags the service should carry: ownership, deletion policy and family, simulator annotations, and the
    /// user's own service tags.</summary>
    public static Dictionary<string, string> DesiredTags(AppContext app)
    {
        var tags = AppTags.Read(app.Spec.Service?["tags"] as JsonArray);
        foreach (var (k, v) in AppTags.Ownership(app.Key)) tags[k] = v;
        tags[AppTags.DeletionPolicy] = app.Spec.DeletionPolicy.ToString();
        tags[AppTags.Family] = app.Family;
        foreach (var (k, v) in app.SimulatorAnnotations) tags[k] = v;
        return tags;
    }

    /// <summary>True when the service is ours (or has just been adopted); otherwise the conflict is reported.</summary>
    public async Task<bool> EnsureAsync(AppContext app, JsonObject svc, CancellationToken ct)
    {
        var tags = AppTags.Read(svc.Arr("tags"));
        var owner = AppTags.Owner(tags);
        if (owner == app.Key.Pk && AppTags.IsManaged(tags)) return true;
        if (owner == app.Key.Pk || app.Adopting)
        {
            await TagAsync(app, svc, DesiredTags(app), ct);
            var message = $"took over service {app.ServiceName} in cluster {app.Cluster}" + (owner is null ? "" : $" (was owned by {owner})");
            await events.NormalAsync(app.Key, "Adopted", message, ct);
            svc["tags"] = AppTags.Write(DesiredTags(app));
            return true;
        }
        var who = owner is null || !AppTags.IsManaged(tags) ? "is not managed by the operator" : $"is owned by {owner}";
        var conflict = $"service {app.ServiceName} in cluster {app.Cluster} exists and {who}; " +
            $"add the annotation {AppTags.AdoptAnnotation}: \"true\" to take it over";
        Log.Conflict(logger, app.ServiceName, conflict);
        app.SetBlocked("Conflict", conflict);
        await events.WarningAsync(app.Key, "Conflict", conflict, ct);
        return false;
    }

    /// <summary>Puts back the tags that differ from <see cref="DesiredTags"/>, except what <paramref name="ignored"/>
    /// leaves to others; returns the tags the service carries afterwards.</summary>
    public async Task<Dictionary<string, string>> SyncAsync(AppContext app, JsonObject svc, IReadOnlyList<IReadOnlyList<string>> ignored, CancellationToken ct)
    {
        var tags = DesiredTags(app);
        var liveTags = AppTags.Read(svc.Arr("tags"));
        if (tags.Where(t => !IgnoredTag(ignored, app, t.Key)).Any(t => liveTags.GetValueOrDefault(t.Key) != t.Value))
        {
            // What another owner set on an ignored tag stays as it is.
            foreach (var key in tags.Keys.Where(k => IgnoredTag(ignored, app, k)).ToList())
            {
                if (liveTags.TryGetValue(key, out var v)) tags[key] = v;
                else tags.Remove(key);
            }
            await TagAsync(app, svc, tags, ct);
        }
        return tags;
    }

    private async Task TagAsync(AppContext app, JsonObject svc, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        await ecs.SendAsync(EcsAction.TagResource, new JsonObject
        {
            ["resourceArn"] = svc.Str("serviceArn"),
            ["tags"] = AppTags.Write(tags),
        }, ct);
        services.Invalidate(app.Cluster, app.ServiceName);
    }

    /// <summary>True when a rule covers the user's service tag <paramref name="key"/> (<c>service.tags</c> or
    /// <c>service.tags[key]</c>). The operator's own tags (ownership, family, deletion policy) are never ignored.</summary>
    private static bool IgnoredTag(IReadOnlyList<IReadOnlyList<string>> ignored, AppContext app, string key) =>
        ignored.Any(p => p[0] == "tags" && (p.Count == 1 || p.Count == 2 && (p[1] == "*" || p[1] == key)))
        && AppTags.Read(app.Spec.Service?["tags"] as JsonArray).ContainsKey(key)
        && !AppTags.Ownership(app.Key).ContainsKey(key) && key != AppTags.DeletionPolicy && key != AppTags.Family
        && !key.StartsWith(AppTags.SimulatorPrefix, StringComparison.Ordinal);
}
