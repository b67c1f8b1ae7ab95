using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Preflight;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

/// <summary>
/// Makes one ECS service and its task definition family match an App document:
/// renders and normalises the task definition and registers a revision only when it differs, creates or updates the
/// service only for fields that differ, tracks the rollout into conditions, puts drift back, and deletes safely.
/// </summary>
public sealed partial class AppReconciler(
    IResourceStore store,
    IEventStore events,
    IClaimStore claims,
    IEcsApi ecs,
    ServiceSnapshotCache services,
    TaskDefinitionCache taskDefinitions,
    ResourceInformer informer,
    IPreDeployHookRunner hooks,
    AppReconcilerOptions options,
    TimeProvider time,
    ILogger<AppReconciler> logger,
    AppPreflight? preflight = null) : IReconciler
{
    public ResourceKind Kind => ResourceKind.App;

    public bool HandlesDeletionMark => true;

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct)
    {
        var item = await store.GetAsync(key, ct);
        if (item is null) return await OrphanedAsync(key, ct);
        if (item.IsMarkedForDeletion) return await FinalizeAsync(item, ct);
        var app = Load(key, item);
        ReconcileResult result;
        try
        {
            result = await ConvergeAsync(app, ct);
        }
        catch (AwsApiException e) when (e.Missing is { } missing)
        {
            missing = missing.What == "cluster" ? missing with { Id = app.Cluster } : missing;
            var (wait, message) = MissingDependency(app, missing, e);
            await RecordAsync(key, ResourceEvent.Warning, missing.Reason, message, ct);
            result = ReconcileResult.After(wait);
        }
        catch (AwsApiException e) when (e.Kind == AwsErrorKind.InvalidParameter)
        {
            // ECS rejected what the spec asks for: only a new manifest can fix it
            throw new TerminalReconcileException("Rejected", $"ECS rejected the spec: {e.Message}", ConditionTypes.Degraded, e);
        }
        app.Status["observedGeneration"] = app.Generation;
        if (!app.Status.JsonEquals(item.Status))
            await store.UpdateStatusAsync(key, item.ManifestHash, app.Status, ct);
        return result;
    }

    private AppContext Load(ResourceKey key, StoredResource item)
    {
        var parsed = ManifestParser.ParseSingle(item.Manifest, key.Pk);
        if (!parsed.Ok)
            throw new TerminalReconcileException("InvalidSpec", string.Join("; ", parsed.Errors.Select(e => e.ToString())));
        var doc = parsed.Documents[0];
        if (doc.Key != key)
            throw new TerminalReconcileException("KeyMismatch", $"the manifest describes {doc.Key} but is stored as {key}; it is not applied");
        AppSpec spec;
        ObjectMeta meta;
        try
        {
            spec = doc.GetSpec<AppSpec>();
            meta = doc.Metadata;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            throw new TerminalReconcileException("InvalidSpec", $"{key.Pk}: spec: {e.Message}");
        }
        return new AppContext
        {
            Key = key,
            Item = item,
            Doc = doc,
            Spec = spec,
            Cluster = spec.Cluster,
            ServiceName = spec.Service.Str("serviceName") ?? meta.Name,
            Family = FamilyName(spec, meta.Name),
            Annotations = meta.Annotations ?? new Dictionary<string, string>(),
            Now = time.GetUtcNow(),
            Status = item.Status?.DeepClone().AsObject() ?? [],
        };
    }

    private async Task<ReconcileResult> ConvergeAsync(AppContext app, CancellationToken ct)
    {
        if (app.Spec.Region is { Length: > 0 } region && options.Region is { } served && region != served)
        {
            throw new TerminalReconcileException("RegionMismatch",
                $"spec.region is {region} but this operator serves {served}; run an operator in {region} for it, or change spec.region");
        }
        var svc = await services.GetServiceAsync(app.Cluster, app.ServiceName, ct);
        if (svc?.Str("status") == "DRAINING")
        {
            SetCondition(app, ConditionTypes.Progressing, "True", "ServiceDraining", $"service {app.ServiceName} is being deleted; waiting to recreate it");
            return ReconcileResult.After(options.RolloutPollInterval);
        }
        if (!await ClaimFamilyAsync(app, ct)) return ReconcileResult.After(options.BlockedRetryInterval);
        if (svc is not null && !await EnsureOwnershipAsync(app, svc, ct)) return ReconcileResult.After(options.BlockedRetryInterval);

        var desired = RenderTaskDefinition(app);
        var liveArn = svc?.Str("taskDefinition");
        var holding = IsHoldingAfterRollback(app) || (svc is not null && WasJustRolledBack(app, svc));
        string targetArn;
        var pauseHeld = false;
        if (liveArn is not null && await MatchesAsync(app, liveArn, desired, ct)) targetArn = liveArn;
        else if (holding) targetArn = app.Rollout.Str("targetTaskDefinition")!;
        else if (liveArn is not null && IsPaused(app)) (targetArn, pauseHeld) = (liveArn, true);
        else if (preflight is not null && await preflight.BlockAsync(app.Key, app.Status, desired.Request, app.Spec.Service, ct) is { } blocked) return blocked;
        else if (await EnsureRevisionAsync(app, desired, ct) is { } arn) targetArn = arn;
        else return ReconcileResult.After(options.BlockedRetryInterval);
        if (!pauseHeld) RememberRevision(app, targetArn, desired);

        var rollingOut = !holding && targetArn != liveArn;
        if (rollingOut && app.Spec.Hooks?.PreDeploy.Count > 0)
        {
            var gate = await hooks.EnsureHooksAsync(app.Doc, targetArn, ct);
            if (gate.State != HookGateState.Passed) return await HookGateAsync(app, gate, ct);
        }

        var created = svc is null;
        svc = svc is null
            ? await CreateServiceAsync(app, targetArn, ct)
            : await UpdateServiceAsync(app, svc, rollingOut ? targetArn : null, ct);
        svc = await RestartIfAskedAsync(app, svc, created, rollingOut, targetArn, ct);
        var result = await TrackRolloutAsync(app, svc, targetArn, ct);
        ReportPaused(app, pauseHeld);
        return result;
    }

    private async Task<ReconcileResult> HookGateAsync(AppContext app, HookGateResult gate, CancellationToken ct)
    {
        if (gate.State == HookGateState.Running)
        {
            SetCondition(app, ConditionTypes.Progressing, "True", "PreDeployHooksRunning", gate.Reason ?? "pre-deploy hooks are running");
            return ReconcileResult.After(options.RolloutPollInterval);
        }
        var message = $"pre-deploy hook failed: {gate.Reason}" + (gate.ExitCode is { } code ? $" (exit code {code})" : "");
        SetCondition(app, ConditionTypes.Degraded, "True", "HookFailed", message);
        SetCondition(app, ConditionTypes.Progressing, "False", "HookFailed", message);
        await RecordAsync(app.Key, ResourceEvent.Warning, "HookFailed", message, ct);
        return ReconcileResult.After(options.BlockedRetryInterval);
    }

    /// <summary>Something the spec names does not exist (yet): Degraded and not Available, naming it; returns the wait
    /// before the next look (long and growing: the longer it has been missing, the longer the wait).</summary>
    private (TimeSpan Wait, string Message) MissingDependency(AppContext app, MissingResource missing, AwsApiException e)
    {
        var since = StatusConditions.Get(app.Status, ConditionTypes.Degraded) is { } c && c.Str("status") == "True" && c.Str("reason") == missing.Reason
            && DateTimeOffset.TryParse(c.Str("lastTransitionTime"), out var t) ? t : app.Now;
        var wait = MissingResourceRetry.AfterMissingFor(app.Now - since);
        var message = $"{missing} does not exist; retrying in {wait:g} (ECS: {e.ErrorMessage})";
        if (StatusConditions.Get(app.Status, ConditionTypes.Degraded).Str("reason") != missing.Reason)
            SetCondition(app, ConditionTypes.Degraded, "False", "", "");   // a new reason starts its own clock
        SetCondition(app, ConditionTypes.Degraded, "True", missing.Reason, message);
        SetCondition(app, ConditionTypes.Available, "False", missing.Reason, message);
        return (wait, message);
    }

    private bool SetCondition(AppContext app, string type, string value, string reason, string message) =>
        StatusConditions.Set(app.Status, type, value, reason, message, app.Now);

    private Task RecordAsync(ResourceKey key, string type, string reason, string message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return events.RecordAsync(key, new ResourceEvent(key, type, reason, message, 1, now, now), ct);
    }

    private static Dictionary<string, string> OwnerTags(AppContext app) => new(StringComparer.Ordinal)
    {
        [OperatorTags.Managed] = "true",
        [OperatorTags.Owner] = app.Key.Pk,
    };
}
