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
    public const string FailedReason = "PreflightFailed";
    public const string IncompleteReason = "PreflightIncomplete";

    /// <summary>Null when the rollout may start; otherwise the result to return from the reconcile, after the condition
    /// was set on <paramref name="status"/> and the event recorded.</summary>
    /// <param name="taskDefinition">The RegisterTaskDefinition body about to be rolled out.</param>
    /// <param name="service">The App's <c>spec.service</c> (its networkConfiguration is checked).</param>
    public async Task<ReconcileResult?> BlockAsync(ResourceKey key, JsonObject status, JsonObject taskDefinition, JsonObject? service, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(status);
        var plan = PreflightPlan.For(taskDefinition, service.Obj("networkConfiguration"), "service.networkConfiguration");
        var report = await PreflightChecker.RunAsync(plan, probe, ct);
        var now = time.GetUtcNow();
        if (report.Errors.Any())
        {
            await RecordAsync(key, IncompleteReason,
                "preflight could not check everything; rolling out anyway: " + string.Join("; ", report.Errors.Select(e => e.ToString().Trim())), now, ct);
        }
        if (!report.Failed) return null;

        var current = StatusConditions.Get(status, ConditionTypes.Progressing);
        var since = current.Str("reason") == FailedReason && current.Str("status") == "False"
            && DateTimeOffset.TryParse(current.Str("lastTransitionTime"), out var t) ? t : now;
        var wait = MissingResourceRetry.AfterMissingFor(now - since);
        var message = "rollout blocked by preflight: " + report.MissingSummary();
        // A new reason starts its own clock: lastTransitionTime moves only when the status value changes.
        if (since == now && current.Str("status") == "False") StatusConditions.Set(status, ConditionTypes.Progressing, "Unknown", "", "", now);
        StatusConditions.Set(status, ConditionTypes.Progressing, "False", FailedReason, message, now);
        await RecordAsync(key, FailedReason, $"{message}; looking again in {wait:g}", now, ct);
        return ReconcileResult.After(wait);
    }

    private Task RecordAsync(ResourceKey key, string reason, string message, DateTimeOffset now, CancellationToken ct) =>
        events.RecordAsync(key, new ResourceEvent(key, ResourceEvent.Warning, reason, message, 1, now, now), ct);
}
