using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Apps;

public sealed partial class AppReconciler
{
    /// <summary>Tags the service should carry: ownership, deletion policy and family (needed after the App is gone),
    /// simulator annotations, and the user's own service tags.</summary>
    private static Dictionary<string, string> ServiceTags(AppContext app)
    {
        var tags = AppTags.Read(app.Spec.Service?["tags"] as JsonArray);
        foreach (var (k, v) in OwnerTags(app)) tags[k] = v;
        tags[AppTags.DeletionPolicy] = app.Spec.DeletionPolicy.ToString();
        tags[AppTags.Family] = app.Family;
        foreach (var (k, v) in SimulatorAnnotations(app)) tags[k] = v;
        return tags;
    }

    /// <summary>True when the service is ours (or has just been adopted); otherwise the conflict is reported.</summary>
    private async Task<bool> EnsureOwnershipAsync(AppContext app, JsonObject svc, CancellationToken ct)
    {
        var tags = AppTags.Read(svc.Arr("tags"));
        var owner = AppTags.Owner(tags);
        if (owner == app.Key.Pk && AppTags.IsManaged(tags)) return true;
        if (owner == app.Key.Pk || Adopting(app))
        {
            await TagServiceAsync(app, svc, ServiceTags(app), ct);
            var message = $"took over service {app.ServiceName} in cluster {app.Cluster}" + (owner is null ? "" : $" (was owned by {owner})");
            await RecordAsync(app.Key, ResourceEvent.Normal, "Adopted", message, ct);
            svc["tags"] = AppTags.Write(ServiceTags(app));
            return true;
        }
        var who = owner is null || !AppTags.IsManaged(tags) ? "is not managed by the operator" : $"is owned by {owner}";
        await ReportConflictAsync(app, $"service {app.ServiceName} in cluster {app.Cluster} exists and {who}; " +
            $"add the annotation {AppTags.AdoptAnnotation}: \"true\" to take it over", ct);
        return false;
    }

    private async Task TagServiceAsync(AppContext app, JsonObject svc, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        await ecs.SendAsync(EcsAction.TagResource, new JsonObject
        {
            ["resourceArn"] = svc.Str("serviceArn"),
            ["tags"] = AppTags.Write(tags),
        }, ct);
        services.Invalidate(app.Cluster, app.ServiceName);
    }

    /// <summary>The ScalePolicy in the App's namespace whose targetRef names this App, if any: it owns desiredCount.</summary>
    private async Task<string?> ScaledByAsync(AppContext app, CancellationToken ct)
    {
        var policies = informer.HasSynced
            ? informer.List(ResourceKind.ScalePolicy, app.Key.Namespace)
            : await store.ListAsync(ResourceKind.ScalePolicy, app.Key.Namespace, ct);
        foreach (var p in policies)
        {
            if (PolicyTargets.GetValue(p, static r => new StrongBox<string?>(TargetRefOf(r))).Value == app.Key.Name) return p.Key.Name;
        }
        return null;
    }

    /// <summary>Each policy's targetRef, parsed once per stored item (the informer keeps an unchanged item's instance),
    /// not once per App reconcile.</summary>
    private static readonly ConditionalWeakTable<StoredResource, StrongBox<string?>> PolicyTargets = new();

    private static string? TargetRefOf(StoredResource policy)
    {
        var parsed = ManifestParser.ParseSingle(policy.Manifest, policy.Key.Pk);
        return parsed.Ok ? parsed.Documents[0].Spec.Str("targetRef") : null;
    }

    private async Task<JsonObject> CreateServiceAsync(AppContext app, string targetArn, CancellationToken ct)
    {
        var scaledBy = await ScaledByAsync(app, ct);
        var request = ServiceFields.WithDefaults(app.Spec.Service);
        request["cluster"] = app.Cluster;
        request["serviceName"] = app.ServiceName;
        request["taskDefinition"] = targetArn;
        if (!ServiceFields.IsDaemon(request)) request["desiredCount"] = app.Spec.Replicas ?? 1;
        request["tags"] = AppTags.Write(WithEpoch(ServiceTags(app)));
        request.Remove("forceNewDeployment");
        var resp = await ecs.SendAsync(EcsAction.CreateService, ApiRequestConformer.Conform(AwsApiModel.Ecs, EcsAction.CreateService, request), ct);
        services.Invalidate(app.Cluster, app.ServiceName);
        Log.ServiceCreated(logger, app.ServiceName, app.Cluster);
        await RecordAsync(app.Key, ResourceEvent.Normal, "ServiceCreated", $"created service {app.ServiceName} in cluster {app.Cluster} with {targetArn}", ct);
        StartRollout(app, targetArn);
        if (scaledBy is not null) app.Status["scaledBy"] = scaledBy;
        var svc = resp.Obj("service") ?? throw new InvalidOperationException("CreateService returned no service");
        svc["tags"] ??= AppTags.Write(ServiceTags(app));
        return svc;
    }

    /// <summary>UpdateService with only the fields that differ; <paramref name="newTaskDefinition"/> starts a rollout.</summary>
    private async Task<JsonObject> UpdateServiceAsync(AppContext app, JsonObject svc, string? newTaskDefinition, CancellationToken ct)
    {
        var desired = ServiceFields.WithDefaults(app.Spec.Service);
        var primary = svc.Arr("deployments").Objects().FirstOrDefault(d => d.Str("status") == "PRIMARY");
        var changes = new JsonObject();
        var createOnly = new List<string>();
        var ignored = IgnoreRules.Under(app.Ignored, "service");
        foreach (var (name, value) in desired)
        {
            if (!ServiceFields.Comparable(name, svc)) continue;
            // A rule on the member itself leaves it alone; rules below it leave those parts out of the comparison and
            // send the live value for them.
            var below = ignored.Where(p => p[0] == name).Select(p => (IReadOnlyList<string>)[.. p.Skip(1)]).ToList();
            if (below.Any(p => p.Count == 0)) continue;
            var live = svc[name] ?? primary?[name];
            if (ServiceFields.Covers(IgnoreRules.Without(live, below), IgnoreRules.Without(value, below))) continue;
            if (ServiceFields.CreateOnly.Contains(name)) createOnly.Add(name);
            else changes[name] = IgnoreRules.Graft(value, live, below);
        }
        ReportCreateOnly(app, createOnly);

        var scaledBy = await ScaledByAsync(app, ct);
        if (scaledBy is null) app.Status.Remove("scaledBy");
        else app.Status["scaledBy"] = scaledBy;
        // An ignored count is set by CreateService only; a ScalePolicy that owns the count still sets it (its own reconciler).
        var desiredCount = scaledBy is null && !ServiceFields.IsDaemon(desired) && !IgnoreRules.IgnoresRoot(app.Ignored, "desiredCount")
            ? app.Spec.Replicas ?? 1 : (int?)null;
        if (desiredCount is { } count && svc.Int("desiredCount") != count) changes["desiredCount"] = count;

        var drifted = changes.Select(c => c.Key).ToList();
        if (newTaskDefinition is not null)
        {
            changes["taskDefinition"] = newTaskDefinition;
            if (IsTaskDefinitionDrift(app, newTaskDefinition)) drifted.Add($"taskDefinition (was {svc.Str("taskDefinition")})");
        }

        var tags = ServiceTags(app);
        var liveTags = AppTags.Read(svc.Arr("tags"));
        if (tags.Where(t => !IgnoredTag(ignored, app, t.Key)).Any(t => liveTags.GetValueOrDefault(t.Key) != t.Value))
        {
            // What another owner set on an ignored tag stays as it is.
            foreach (var key in tags.Keys.Where(k => IgnoredTag(ignored, app, k)).ToList())
            {
                if (liveTags.TryGetValue(key, out var v)) tags[key] = v;
                else tags.Remove(key);
            }
            await TagServiceAsync(app, svc, tags, ct);
        }

        if (changes.Count == 0) return svc;
        var fields = string.Join(", ", changes.Select(c => c.Key));
        changes["cluster"] = app.Cluster;
        changes["service"] = app.ServiceName;
        var resp = await ecs.SendAsync(EcsAction.UpdateService, ApiRequestConformer.Conform(AwsApiModel.Ecs, EcsAction.UpdateService, changes), ct);
        services.Invalidate(app.Cluster, app.ServiceName);
        if (app.SeenBefore && drifted.Count > 0)
        {
            var what = string.Join(", ", drifted);
            Log.Drift(logger, app.ServiceName, what);
            await RecordAsync(app.Key, ResourceEvent.Warning, "Drift", $"changed outside the operator and put back: {what}", ct);
        }
        else
        {
            Log.ServiceUpdated(logger, app.ServiceName, fields);
            await RecordAsync(app.Key, ResourceEvent.Normal, "ServiceUpdated", $"updated {fields}", ct);
        }
        if (newTaskDefinition is not null && !IsTaskDefinitionDrift(app, newTaskDefinition)) StartRollout(app, newTaskDefinition);
        var updated = resp.Obj("service") ?? svc;
        updated["tags"] ??= AppTags.Write(tags);
        return updated;
    }

    /// <summary>True when a rule covers the user's service tag <paramref name="key"/> (<c>service.tags</c> or
    /// <c>service.tags[key]</c>). The operator's own tags (ownership, family, deletion policy) are never ignored.</summary>
    private static bool IgnoredTag(IReadOnlyList<IReadOnlyList<string>> ignored, AppContext app, string key) =>
        ignored.Any(p => p[0] == "tags" && (p.Count == 1 || p.Count == 2 && (p[1] == "*" || p[1] == key)))
        && AppTags.Read(app.Spec.Service?["tags"] as JsonArray).ContainsKey(key)
        && !OwnerTags(app).Any(o => o.Key == key) && key != AppTags.DeletionPolicy && key != AppTags.Family
        && !key.StartsWith(AppTags.SimulatorPrefix, StringComparison.Ordinal);

    /// <summary>The service runs another revision although this generation's rollout of the target was already made.</summary>
    private static bool IsTaskDefinitionDrift(AppContext app, string target) =>
        app.SeenBefore && app.Status.Obj("rollout") is { } r && r.Str("targetTaskDefinition") == target && r.Long("generation") == app.Generation;

    private void ReportCreateOnly(AppContext app, List<string> createOnly)
    {
        if (createOnly.Count == 0)
        {
            app.Status.Remove("createOnlyFieldsChanged");
            return;
        }
        app.Status["createOnlyFieldsChanged"] = createOnly.ToJsonArray();
        SetCondition(app, ConditionTypes.Degraded, "True", "CreateOnlyFieldChanged",
            $"{string.Join(", ", createOnly)} can only be set when the service is created; delete and recreate the service to change it");
    }

    private static void StartRollout(AppContext app, string targetArn)
    {
        var r = app.Rollout;
        r["targetTaskDefinition"] = targetArn;
        r["generation"] = app.Generation;
        r["startedAt"] = app.Now.ToString("O");
        r["state"] = "InProgress";
    }
}
