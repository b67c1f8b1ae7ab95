using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

/// <summary>
/// Creates the App's ECS service, or updates it with only the fields that differ from the spec (a difference on a
/// generation already applied is drift, put back and reported). Fields ECS fixes at creation are reported, not sent.
/// </summary>
internal sealed class ServiceConverger(IEcsApi ecs, ServiceSnapshotCache services, ServiceOwnership ownership,
    ScalePolicyOwners scalePolicies, EventRecorder events, AppReconcilerOptions options, ILogger logger)
{
    public async Task<JsonObject> CreateAsync(AppContext app, string targetArn, CancellationToken ct)
    {
        var scaledBy = await scalePolicies.ScaledByAsync(app.Key, ct);
        var request = ServiceFields.WithDefaults(app.Spec.Service);
        request["cluster"] = app.Cluster;
        request["serviceName"] = app.ServiceName;
        request["taskDefinition"] = targetArn;
        if (!ServiceFields.IsDaemon(request)) request["desiredCount"] = app.Spec.Replicas ?? 1;
        request["tags"] = AppTags.Write(AppTags.WithEpoch(ServiceOwnership.DesiredTags(app), options.StoreEpoch));
        request.Remove("forceNewDeployment");
        var resp = await ecs.SendAsync(EcsAction.CreateService, ApiRequestConformer.Conform(AwsApiModel.Ecs, EcsAction.CreateService, request), ct);
        services.Invalidate(app.Cluster, app.ServiceName);
        Log.ServiceCreated(logger, app.ServiceName, app.Cluster);
        await events.NormalAsync(app.Key, "ServiceCreated", $"created service {app.ServiceName} in cluster {app.Cluster} with {targetArn}", ct);
        app.StartRollout(targetArn);
        if (scaledBy is not null) app.Status = app.Status with { ScaledBy = scaledBy };
        var svc = resp.Obj("service") ?? throw new InvalidOperationException("CreateService returned no service");
        svc["tags"] ??= AppTags.Write(ServiceOwnership.DesiredTags(app));
        return svc;
    }

    /// <summary>UpdateService with only the fields that differ; <paramref name="newTaskDefinition"/> starts a rollout.</summary>
    public async Task<JsonObject> UpdateAsync(AppContext app, JsonObject svc, string? newTaskDefinition, CancellationToken ct)
    {
        var desired = ServiceFields.WithDefaults(app.Spec.Service);
        var ignored = IgnoreRules.Under(app.Ignored, "service");
        var changes = Changes(app, svc, desired, ignored);

        var scaledBy = await scalePolicies.ScaledByAsync(app.Key, ct);
        app.Status = app.Status with { ScaledBy = scaledBy };
        // An ignored count is set by CreateService only; a ScalePolicy that owns the count still sets it (its own reconciler).
        var desiredCount = scaledBy is null && !ServiceFields.IsDaemon(desired) && !IgnoreRules.IgnoresRoot(app.Ignored, "desiredCount")
            ? app.Spec.Replicas ?? 1 : (int?)null;
        if (desiredCount is { } count && svc.Int("desiredCount") != count) changes["desiredCount"] = count;

        var drifted = changes.Select(c => c.Key).ToList();
        var taskDefinitionDrift = newTaskDefinition is not null && IsTaskDefinitionDrift(app, newTaskDefinition);
        if (newTaskDefinition is not null)
        {
            changes["taskDefinition"] = newTaskDefinition;
            if (taskDefinitionDrift) drifted.Add($"taskDefinition (was {svc.Str("taskDefinition")})");
        }

        var tags = await ownership.SyncAsync(app, svc, ignored, ct);
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
            await events.WarningAsync(app.Key, "Drift", $"changed outside the operator and put back: {what}", ct);
        }
        else
        {
            Log.ServiceUpdated(logger, app.ServiceName, fields);
            await events.NormalAsync(app.Key, "ServiceUpdated", $"updated {fields}", ct);
        }
        if (newTaskDefinition is not null && !taskDefinitionDrift) app.StartRollout(newTaskDefinition);
        var updated = resp.Obj("service") ?? svc;
        updated["tags"] ??= AppTags.Write(tags);
        return updated;
    }

    /// <summary>The members of <paramref name="desired"/> that the live service does not cover, with ignored parts
    /// grafted from the live value; create-only members that differ are reported instead.</summary>
    private static JsonObject Changes(AppContext app, JsonObject svc, JsonObject desired, IReadOnlyList<IReadOnlyList<string>> ignored)
    {
        var primary = svc.Arr("deployments").Objects().FirstOrDefault(d => d.Str("status") == "PRIMARY");
        var changes = new JsonObject();
        var createOnly = new List<string>();
        foreach (var (name, value) in desired)
        {
            if (!ServiceFields.Comparable(name, svc)) continue;
            // A rule on the member itself leaves it alone; rules below it leave those parts out of the comparison and
            // send the live value for them.
            var below = ignored.Where(p => p[0] == name).Select(p => (IReadOnlyList<string>)[.. p.Skip(1)]).ToList();
            if (below.Any(p => p.Count == 0)) continue;
            var live = svc[name] ?? primary?[name];
            if (ServiceFields.Covers(IgnoreRules.Without(live, below), IgnoreRules.Without(value, below))) continue;
            if (ServiceFields.IsCreateOnly(name)) createOnly.Add(name);
            else changes[name] = IgnoreRules.Graft(value, live, below);
        }
        ReportCreateOnly(app, createOnly);
        return changes;
    }

    /// <summary>The service runs another revision although this generation's rollout of the target was already made.</summary>
    private static bool IsTaskDefinitionDrift(AppContext app, string target) =>
        app.SeenBefore && app.Status.Rollout is { } r && r.TargetTaskDefinition == target && r.Generation == app.Generation;

    private static void ReportCreateOnly(AppContext app, List<string> createOnly)
    {
        app.Status = app.Status with { CreateOnlyFieldsChanged = createOnly.Count == 0 ? null : createOnly };
        if (createOnly.Count == 0) return;
        app.SetCondition(ConditionTypes.Degraded, true, "CreateOnlyFieldChanged",
            $"{string.Join(", ", createOnly)} can only be set when the service is created; delete and recreate the service to change it");
    }
}
