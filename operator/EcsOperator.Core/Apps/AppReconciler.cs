using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Preflight;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

/// <summary>
/// Makes one ECS service and its task definition family match an App document. The steps live in classes named for
/// them: <see cref="FamilyClaims"/> (one owner per family), <see cref="TaskDefinitionRenderer"/> and
/// <see cref="TaskDefinitionRevisions"/> (render, find or register a revision), <see cref="ServiceOwnership"/> and
/// <see cref="ServiceConverger"/> (create or update the service for fields that differ, put drift back),
/// <see cref="RolloutTracker"/> (the rollout into conditions), <see cref="RolloutControls"/> (pause, restart) and
/// <see cref="AppDeletion"/>; this class decides their order and writes the status.
/// </summary>
public sealed class AppReconciler : IReconciler
{
    private readonly IResourceStore store;
    private readonly ServiceSnapshotCache services;
    private readonly IPreDeployHookRunner hooks;
    private readonly AppReconcilerOptions options;
    private readonly TimeProvider time;
    private readonly StatusWriter statusWriter;
    private readonly EventRecorder recorder;
    private readonly FamilyClaims families;
    private readonly TaskDefinitionRevisions revisions;
    private readonly ServiceOwnership ownership;
    private readonly ServiceConverger converger;
    private readonly RolloutControls controls;
    private readonly RolloutTracker rollout;
    private readonly AppDeletion deletion;
    private readonly AppPreflight? preflight;

    /// <summary>Builds the App reconciler's parts over the shared caches, store and ECS client.</summary>
    public AppReconciler(IResourceStore store, IEventStore events, IClaimStore claims, IEcsApi ecs, ServiceSnapshotCache services,
        TaskDefinitionCache taskDefinitions, ResourceInformer informer, IPreDeployHookRunner hooks, AppReconcilerOptions options,
        TimeProvider time, ILogger<AppReconciler> logger, AppPreflight? preflight = null)
    {
        (this.store, this.services, this.hooks, this.options, this.time, this.preflight) = (store, services, hooks, options, time, preflight);
        statusWriter = new StatusWriter(store);
        recorder = new EventRecorder(events, time);
        families = new FamilyClaims(claims, store, recorder, logger);
        revisions = new TaskDefinitionRevisions(ecs, taskDefinitions, families, recorder, options, logger);
        ownership = new ServiceOwnership(ecs, services, recorder, logger);
        converger = new ServiceConverger(ecs, services, ownership, new ScalePolicyOwners(store, informer), recorder, options, logger);
        controls = new RolloutControls(ecs, services, recorder);
        rollout = new RolloutTracker(revisions, recorder, options, logger);
        var managed = new ManagedServices(services, options);
        var removal = new ServiceRemoval(ecs, services, taskDefinitions, managed, families, recorder, options, logger);
        deletion = new AppDeletion(store, informer, managed, removal, recorder, options, time, logger);
    }

    public ResourceKind Kind => ResourceKind.App;

    public bool HandlesDeletionMark => true;

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct)
    {
        var item = await store.GetAsync(key, ct);
        if (item is null) return await deletion.OrphanedAsync(key, ct);
        if (item.IsMarkedForDeletion) return await deletion.FinalizeAsync(item, ct);
        var app = AppContext.Load(item, time.GetUtcNow());
        ReconcileResult result;
        try
        {
            result = await ConvergeAsync(app, ct);
        }
        catch (AwsApiException e) when (e.Missing is { } missing)
        {
            missing = missing.What == "cluster" ? missing with { Id = app.Cluster } : missing;
            var (wait, message) = MissingDependency(app, missing, e);
            await recorder.WarningAsync(key, missing.Reason, message, ct);
            result = ReconcileResult.After(wait);
        }
        catch (AwsApiException e) when (e.Kind == AwsErrorKind.InvalidParameter)
        {
            // ECS rejected what the spec asks for: only a new manifest can fix it
            throw new TerminalReconcileException("Rejected", $"ECS rejected the spec: {e.Message}", ConditionTypes.Degraded, e);
        }
        await statusWriter.WriteAsync(item, app.Status with { ObservedGeneration = app.Generation }, ct);
        return result;
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
            app.SetCondition(ConditionTypes.Progressing, true, "ServiceDraining", $"service {app.ServiceName} is being deleted; waiting to recreate it");
            return ReconcileResult.After(options.RolloutPollInterval);
        }
        if (!await families.ClaimAsync(app, ct)) return ReconcileResult.After(options.BlockedRetryInterval);
        if (svc is not null && !await ownership.EnsureAsync(app, svc, ct)) return ReconcileResult.After(options.BlockedRetryInterval);

        var desired = TaskDefinitionRenderer.Render(app);
        var liveArn = svc?.Str("taskDefinition");
        var holding = RolloutTracker.IsHoldingAfterRollback(app) || (svc is not null && RolloutTracker.WasJustRolledBack(app, svc));
        string targetArn;
        var pauseHeld = false;
        if (liveArn is not null && await revisions.MatchesAsync(app, liveArn, desired, ct)) targetArn = liveArn;
        else if (holding) targetArn = app.Status.Rollout!.TargetTaskDefinition!;
        else if (liveArn is not null && app.Paused) (targetArn, pauseHeld) = (liveArn, true);
        else if (preflight is not null && await preflight.BlockAsync(app, desired.Request, app.Spec.Service, ct) is { } blocked) return blocked;
        else if (await revisions.EnsureAsync(app, desired, ct) is { } arn) targetArn = arn;
        else return ReconcileResult.After(options.BlockedRetryInterval);
        if (!pauseHeld) TaskDefinitionRevisions.Remember(app, targetArn, desired);

        var rollingOut = !holding && targetArn != liveArn;
        if (rollingOut && app.Spec.Hooks?.PreDeploy.Count > 0)
        {
            var gate = await hooks.EnsureHooksAsync(app.Doc, targetArn, ct);
            if (gate.State != HookGateState.Passed) return await HookGateAsync(app, gate, ct);
        }

        var created = svc is null;
        svc = svc is null
            ? await converger.CreateAsync(app, targetArn, ct)
            : await converger.UpdateAsync(app, svc, rollingOut ? targetArn : null, ct);
        svc = await controls.RestartIfAskedAsync(app, svc, created, rollingOut, targetArn, ct);
        var result = await rollout.TrackAsync(app, svc, targetArn, ct);
        RolloutControls.ReportPaused(app, pauseHeld);
        return result;
    }

    private async Task<ReconcileResult> HookGateAsync(AppContext app, HookGateResult gate, CancellationToken ct)
    {
        if (gate.State == HookGateState.Running)
        {
            app.SetCondition(ConditionTypes.Progressing, true, "PreDeployHooksRunning", gate.Reason ?? "pre-deploy hooks are running");
            return ReconcileResult.After(options.RolloutPollInterval);
        }
        var message = $"pre-deploy hook failed: {gate.Reason}" + (gate.ExitCode is { } code ? $" (exit code {code})" : "");
        app.SetBlocked("HookFailed", message);
        await recorder.WarningAsync(app.Key, "HookFailed", message, ct);
        return ReconcileResult.After(options.BlockedRetryInterval);
    }

    /// <summary>Something the spec names does not exist (yet): Degraded and not Available, naming it; returns the wait
    /// before the next look (long and growing: the longer it has been missing, the longer the wait).</summary>
    private static (TimeSpan Wait, string Message) MissingDependency(AppContext app, MissingResource missing, AwsApiException e)
    {
        var degraded = app.Status.Conditions.Find(ConditionTypes.Degraded);
        var since = degraded is { IsTrue: true } && degraded.Reason == missing.Reason ? degraded.LastTransitionTime : app.Now;
        var wait = MissingResourceRetry.AfterMissingFor(app.Now - since);
        var message = $"{missing} does not exist; retrying in {wait:g} (ECS: {e.ErrorMessage})";
        if (degraded?.Reason != missing.Reason)
            app.SetCondition(ConditionTypes.Degraded, false, "", "");   // a new reason starts its own clock
        app.SetCondition(ConditionTypes.Degraded, true, missing.Reason, message);
        app.SetCondition(ConditionTypes.Available, false, missing.Reason, message);
        return (wait, message);
    }
}
