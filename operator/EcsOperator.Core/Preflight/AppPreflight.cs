using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Preflight;

/// <summary>
/// The check an App's reconcile makes before it starts a rollout (registers a new revision and points the service at
/// it): the images, roles, secrets, log groups, subnets and security groups the new task definition and service name
/// must exist. A missing one blocks the rollout: <c>Progressing=False/PreflightFailed</c> naming it, a warning event,
/// and a look again after the long missing-resource backoff (other tooling often creates the thing minutes later).
/// The running revision is not touched, so <c>Available</c> stays as it is. Lookups that fail (no permission,
/// throttled) do not block: they are reported in a warning event and the rollout goes on, as without the check.
/// </summary>
public sealed class AppPreflight(IPreflightProbe probe, IEventStore events, TimeProvider time)
{
    private readonly EventRecorder recorder = new(events, time);

    public const string FailedReason = "PreflightFailed";
    public const string IncompleteReason = "PreflightIncomplete";

    /// <summary>Null when the rollout may start; otherwise the result to return from the reconcile, after the condition
    /// was set on the App's status and the event recorded.</summary>
    /// <param name="taskDefinition">The RegisterTaskDefinition body about to be rolled out.</param>
    /// <param name="service">The App's <c>spec.service</c> (its networkConfiguration is checked).</param>
    internal async Task<ReconcileResult?> BlockAsync(Apps.AppContext app, JsonObject taskDefinition, JsonObject? service, CancellationToken ct)
    {
        var plan = PreflightPlan.For(taskDefinition, service.Obj("networkConfiguration"), "service.networkConfiguration");
        var report = await PreflightChecker.RunAsync(plan, probe, ct);
        var now = time.GetUtcNow();
        if (report.Errors.Any())
        {
            await recorder.WarningAsync(app.Key, IncompleteReason,
                "preflight could not check everything; rolling out anyway: " + string.Join("; ", report.Errors.Select(e => e.ToString().Trim())), ct);
        }
        if (!report.Failed) return null;

        var current = app.Status.Conditions.Find(ConditionTypes.Progressing);
        var since = current is { Reason: FailedReason, Status: ConditionStatus.False } ? current.LastTransitionTime : now;
        var wait = MissingResourceRetry.AfterMissingFor(now - since);
        var message = "rollout blocked by preflight: " + report.MissingSummary();
        // A new reason starts its own clock: lastTransitionTime moves only when the status value changes.
        var conditions = app.Status.Conditions;
        if (since == now && current?.Status == ConditionStatus.False) conditions = conditions.Set(ConditionTypes.Progressing, ConditionStatus.Unknown, "", "", now);
        app.Status = app.Status with { Conditions = conditions.Set(ConditionTypes.Progressing, ConditionStatus.False, FailedReason, message, now) };
        await recorder.WarningAsync(app.Key, FailedReason, $"{message}; looking again in {wait:g}", ct);
        return ReconcileResult.After(wait);
    }
}
