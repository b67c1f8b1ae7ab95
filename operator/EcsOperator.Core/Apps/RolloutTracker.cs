using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

/// <summary>
/// Reads the rollout of the App's target revision from the service's deployments into status and conditions:
/// in progress, complete, failed, rolled back by ECS's circuit breaker, or past its progress deadline.
/// </summary>
internal sealed class RolloutTracker(TaskDefinitionRevisions revisions, AppRecorder recorder, AppReconcilerOptions options, ILogger logger)
{
    /// <summary>Updates status and conditions from the service; says when to look again.</summary>
    public async Task<ReconcileResult> TrackAsync(AppContext app, JsonObject svc, string targetArn, CancellationToken ct)
    {
        var deployments = svc.Arr("deployments").Objects().ToList();
        var primary = deployments.FirstOrDefault(d => d.Str("status") == "PRIMARY");
        var r = app.Rollout;
        if (r.Str("targetTaskDefinition") != targetArn)
        {
            r["targetTaskDefinition"] = targetArn;
            r["generation"] = app.Generation;
            r["startedAt"] = (TryTime(primary.Str("createdAt")) ?? app.Now).ToString("O");
            r["state"] = "InProgress";
        }
        var startedAt = TryTime(r.Str("startedAt")) ?? app.Now;
        int desired = svc.Int("desiredCount") ?? 0, running = svc.Int("runningCount") ?? 0, pending = svc.Int("pendingCount") ?? 0;
        app.Status["cluster"] = app.Cluster;
        app.Status["serviceName"] = app.ServiceName;
        app.Status["activeTaskDefinition"] = svc.Str("taskDefinition");
        app.Status["desiredCount"] = desired;
        app.Status["runningCount"] = running;
        app.Status["pendingCount"] = pending;
        app.Status["serviceEvents"] = new JsonArray([.. svc.Arr("events").Objects().Take(5)
            .Select(e => (JsonNode)new JsonObject { ["createdAt"] = e["createdAt"]?.DeepClone(), ["message"] = e.Str("message") })]);
        var available = ServiceFields.IsDaemon(svc) ? DaemonEverywhere(primary, deployments, targetArn, desired) : running >= desired;
        app.SetCondition(ConditionTypes.Available, available ? "True" : "False",
            available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable", $"{running}/{desired} tasks running");
        var createOnly = app.Status["createOnlyFieldsChanged"] is JsonArray { Count: > 0 };

        if (r.Str("state") == "RolledBack" || IsRolledBack(svc, primary, deployments, targetArn, startedAt))
        {
            var message = $"the deployment of {targetArn} failed and ECS rolled back to {svc.Str("taskDefinition")}";
            if (r.Str("state") != "RolledBack")
            {
                r["state"] = "RolledBack";
                Log.RolledBack(logger, targetArn);
                await recorder.RecordAsync(app.Key, ResourceEvent.Warning, "RolledBack", message, ct);
            }
            app.SetCondition(ConditionTypes.Degraded, "True", "RolledBack", message);
            app.SetCondition(ConditionTypes.Progressing, "False", "RolledBack", message);
            return ReconcileResult.After(options.BlockedRetryInterval);
        }
        if (primary?.Str("taskDefinition") == targetArn && primary.Str("rolloutState") == "FAILED")
        {
            var message = $"the deployment of {targetArn} failed: {primary.Str("rolloutStateReason")}";
            if (r.Str("state") != "Failed") await recorder.RecordAsync(app.Key, ResourceEvent.Warning, "RolloutFailed", message, ct);
            r["state"] = "Failed";
            app.SetCondition(ConditionTypes.Degraded, "True", "RolloutFailed", message);
            app.SetCondition(ConditionTypes.Progressing, "False", "RolloutFailed", message);
            return ReconcileResult.After(options.BlockedRetryInterval);
        }
        if (primary?.Str("taskDefinition") == targetArn && IsComplete(primary, deployments))
        {
            if (r.Str("state") != "Complete")
                await recorder.RecordAsync(app.Key, ResourceEvent.Normal, "RolloutComplete", $"{targetArn} is running {running}/{desired}", ct);
            r["state"] = "Complete";
            app.SetCondition(ConditionTypes.Progressing, "True", AppRolloutState.NewRevisionAvailable, $"{targetArn} rolled out");
            SetDegradedDefault(app, createOnly);
            await revisions.PruneAsync(app, svc, ct);
            return running >= desired ? ReconcileResult.Done : ReconcileResult.After(options.RolloutPollInterval);
        }
        var deadline = startedAt + TimeSpan.FromSeconds(app.Spec.ProgressDeadlineSeconds);
        if (app.Now > deadline)
        {
            var message = $"rollout of {targetArn} did not finish within {app.Spec.ProgressDeadlineSeconds}s ({running}/{desired} running)";
            if (r.Str("state") != "DeadlineExceeded") await recorder.RecordAsync(app.Key, ResourceEvent.Warning, "ProgressDeadlineExceeded", message, ct);
            r["state"] = "DeadlineExceeded";
            app.SetCondition(ConditionTypes.Progressing, "False", "ProgressDeadlineExceeded", message);
            app.SetCondition(ConditionTypes.Degraded, "True", "ProgressDeadlineExceeded", message);
            return ReconcileResult.After(options.RolloutPollInterval);
        }
        app.SetCondition(ConditionTypes.Progressing, "True", "RolloutInProgress", $"rolling out {targetArn}: {running}/{desired} running");
        SetDegradedDefault(app, createOnly);
        return ReconcileResult.After(PollDelay(app, startedAt));
    }

    /// <summary>ECS rolled this generation's target back, and the App holds the revision ECS went back to until the
    /// manifest changes.</summary>
    public static bool IsHoldingAfterRollback(AppContext app) =>
        app.Status.Obj("rollout") is { } r && r.Str("state") == "RolledBack" && r.Long("generation") == app.Generation
        && r.Str("targetTaskDefinition") is not null;

    /// <summary>This generation's rollout is recorded in progress and the service shows that ECS rolled it back.</summary>
    public static bool WasJustRolledBack(AppContext app, JsonObject svc)
    {
        if (app.Status.Obj("rollout") is not { } r || r.Long("generation") != app.Generation || r.Str("targetTaskDefinition") is not { } target) return false;
        var deployments = svc.Arr("deployments").Objects().ToList();
        var primary = deployments.FirstOrDefault(d => d.Str("status") == "PRIMARY");
        return IsRolledBack(svc, primary, deployments, target, TryTime(r.Str("startedAt")) ?? DateTimeOffset.MinValue);
    }

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
        if (!createOnly) app.SetCondition(ConditionTypes.Degraded, "False", "AsExpected", "");
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
            && (TryTime(e["createdAt"]) ?? DateTimeOffset.MaxValue) >= startedAt);
    }

    /// <summary>An ECS time (ISO 8601 text, or epoch seconds as a number or text).</summary>
    private static DateTimeOffset? TryTime(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) =>
            DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
            : double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var secs) ? DateTimeOffset.FromUnixTimeMilliseconds((long)(secs * 1000)) : null,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) * 1000)),
        _ => null,
    };

    private static DateTimeOffset? TryTime(string? s) => s is null ? null : TryTime(JsonValue.Create(s));
}
