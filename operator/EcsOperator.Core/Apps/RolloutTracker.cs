using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

/// <summary>
/// Reads the rollout of the App's target revision from the service's deployments into status and conditions:
/// in progress, complete, failed, rolled back by ECS's circuit breaker, or past its progress deadline.
/// </summary>
internal sealed class RolloutTracker(TaskDefinitionRevisions revisions, EventRecorder events, AppReconcilerOptions options, ILogger logger)
{
    /// <summary>Updates status and conditions from the service; says when to look again.</summary>
    public async Task<ReconcileResult> TrackAsync(AppContext app, JsonObject svc, string targetArn, CancellationToken ct)
    {
        var deployments = svc.Arr("deployments").Objects().ToList();
        var primary = deployments.FirstOrDefault(d => d.Str("status") == "PRIMARY");
        var r = app.Status.Rollout ?? new AppRollout();
        if (r.TargetTaskDefinition != targetArn)
        {
            r = new AppRollout
            {
                TargetTaskDefinition = targetArn,
                Generation = app.Generation,
                StartedAt = EcsTime.Read(primary.Str("createdAt")) ?? app.Now,
                State = AppRolloutPhase.InProgress,
            };
        }
        var startedAt = r.StartedAt ?? app.Now;
        int desired = svc.Int("desiredCount") ?? 0, running = svc.Int("runningCount") ?? 0, pending = svc.Int("pendingCount") ?? 0;
        app.Status = app.Status with
        {
            Cluster = app.Cluster,
            ServiceName = app.ServiceName,
            ActiveTaskDefinition = svc.Str("taskDefinition"),
            DesiredCount = desired,
            RunningCount = running,
            PendingCount = pending,
            ServiceEvents = [.. svc.Arr("events").Objects().Take(5).Select(e => new AppServiceEvent { CreatedAt = EcsTime.Read(e["createdAt"]), Message = e.Str("message") })],
            Rollout = r,
        };
        var available = ServiceFields.IsDaemon(svc) ? DaemonEverywhere(primary, deployments, targetArn, desired) : running >= desired;
        app.SetCondition(ConditionTypes.Available, available,
            available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable", $"{running}/{desired} tasks running");
        var createOnly = app.Status.CreateOnlyFieldsChanged is { Count: > 0 };

        if (r.State == AppRolloutPhase.RolledBack || IsRolledBack(svc, primary, deployments, targetArn, startedAt))
        {
            var message = $"the deployment of {targetArn} failed and ECS rolled back to {svc.Str("taskDefinition")}";
            if (r.State != AppRolloutPhase.RolledBack)
            {
                SetState(app, AppRolloutPhase.RolledBack);
                Log.RolledBack(logger, targetArn);
                await events.WarningAsync(app.Key, "RolledBack", message, ct);
            }
            app.SetBlocked("RolledBack", message);
            return ReconcileResult.After(options.BlockedRetryInterval);
        }
        if (primary?.Str("taskDefinition") == targetArn && primary.Str("rolloutState") == "FAILED")
        {
            var message = $"the deployment of {targetArn} failed: {primary.Str("rolloutStateReason")}";
            if (r.State != AppRolloutPhase.Failed) await events.WarningAsync(app.Key, "RolloutFailed", message, ct);
            SetState(app, AppRolloutPhase.Failed);
            app.SetBlocked("RolloutFailed", message);
            return ReconcileResult.After(options.BlockedRetryInterval);
        }
        if (primary?.Str("taskDefinition") == targetArn && IsComplete(primary, deployments))
        {
            if (r.State != AppRolloutPhase.Complete)
                await events.NormalAsync(app.Key, "RolloutComplete", $"{targetArn} is running {running}/{desired}", ct);
            SetState(app, AppRolloutPhase.Complete);
            app.SetCondition(ConditionTypes.Progressing, true, AppRolloutState.NewRevisionAvailable, $"{targetArn} rolled out");
            SetDegradedDefault(app, createOnly);
            await revisions.PruneAsync(app, svc, ct);
            return running >= desired ? ReconcileResult.Done : ReconcileResult.After(options.RolloutPollInterval);
        }
        var deadline = startedAt + TimeSpan.FromSeconds(app.Spec.ProgressDeadlineSeconds);
        if (app.Now > deadline)
        {
            var message = $"rollout of {targetArn} did not finish within {app.Spec.ProgressDeadlineSeconds}s ({running}/{desired} running)";
            if (r.State != AppRolloutPhase.DeadlineExceeded) await events.WarningAsync(app.Key, "ProgressDeadlineExceeded", message, ct);
            SetState(app, AppRolloutPhase.DeadlineExceeded);
            app.SetCondition(ConditionTypes.Progressing, false, "ProgressDeadlineExceeded", message);
            app.SetCondition(ConditionTypes.Degraded, true, "ProgressDeadlineExceeded", message);
            return ReconcileResult.After(options.RolloutPollInterval);
        }
        app.SetCondition(ConditionTypes.Progressing, true, "RolloutInProgress", $"rolling out {targetArn}: {running}/{desired} running");
        SetDegradedDefault(app, createOnly);
        return ReconcileResult.After(PollDelay(app, startedAt));
    }

    /// <summary>ECS rolled this generation's target back, and the App holds the revision ECS went back to until the
    /// manifest changes.</summary>
    public static bool IsHoldingAfterRollback(AppContext app) =>
        app.Status.Rollout is { State: AppRolloutPhase.RolledBack, TargetTaskDefinition: not null } r && r.Generation == app.Generation;

    /// <summary>This generation's rollout is recorded in progress and the service shows that ECS rolled it back.</summary>
    public static bool WasJustRolledBack(AppContext app, JsonObject svc)
    {
        if (app.Status.Rollout is not { TargetTaskDefinition: { } target } r || r.Generation != app.Generation) return false;
        var deployments = svc.Arr("deployments").Objects().ToList();
        var primary = deployments.FirstOrDefault(d => d.Str("status") == "PRIMARY");
        return IsRolledBack(svc, primary, deployments, target, r.StartedAt ?? DateTimeOffset.MinValue);
    }

    private static void SetState(AppContext app, AppRolloutPhase state) =>
        app.Status = app.Status with { Rollout = (app.Status.Rollout ?? new AppRollout()) with { State = state } };

    /// <summary>A DAEMON service is available when every instance it belongs on (ECS's desiredCount for it) runs the
    /// target revision and no older deployment is left.</summary>
    private static bool DaemonEverywhere(JsonObject? primary, List<JsonObject> deployments, string targetArn, int desired) =>
        primary?.Str("taskDefinition") == targetArn && deployments.Count == 1 && (primary.Int("runningCount") ?? 0) >= desired;

    /// <summary>A young rollout is looked at sooner (1 s, then half its age), settling at the poll interval.</summary>
    private TimeSpan PollDelay(AppContext app, DateTimeOffset startedAt)
    {
        var half = (app.Now - startedAt) / 2;
        return half < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : half > options.RolloutPollInterval ? options.RolloutPollInterval : half;
    }

    private static void SetDegradedDefault(AppContext app, bool createOnly)
    {
        if (!createOnly) app.SetCondition(ConditionTypes.Degraded, false, "AsExpected", "");
    }

    private static bool IsComplete(JsonObject primary, List<JsonObject> deployments) =>
        primary.Str("rolloutState") switch
        {
            "COMPLETED" => true,
            null => deployments.Count == 1 && (primary.Int("runningCount") ?? 0) >= (primary.Int("desiredCount") ?? 0),
            _ => false,
        };

    /// <summary>The circuit breaker rolled the target back: a FAILED deployment of it, or a "rolling back" service event
    /// since the rollout started, while the primary deployment runs another revision.</summary>
    private static bool IsRolledBack(JsonObject svc, JsonObject? primary, List<JsonObject> deployments, string target, DateTimeOffset startedAt)
    {
        if (primary is null || primary.Str("taskDefinition") == target) return false;
        if (deployments.Any(d => d.Str("taskDefinition") == target && d.Str("rolloutState") == "FAILED")) return true;
        return svc.Arr("events").Objects().Any(e =>
            (e.Str("message") ?? "").Contains("rolling back", StringComparison.OrdinalIgnoreCase)
            && (EcsTime.Read(e["createdAt"]) ?? DateTimeOffset.MaxValue) >= startedAt);
    }
}
