using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Scaling;

/// <summary>
/// Owns the desired count of the App a ScalePolicy targets. Every pass reads the live count, the shared alarm snapshot
/// and queue depths fresh, decides with <see cref="ScaleDecider"/>, and calls UpdateService only when the count changes.
/// The state a decision needs between passes (last scale time, ceiling timer, the count it set) lives in status.
/// </summary>
/// <param name="services">A snapshot cache whose TTL is about one pass, so every pass reads live counts in batches.</param>
/// <param name="catalog">The catalog feeding <paramref name="alarms"/> (used to spot two policies on one App).</param>
public sealed partial class ScalePolicyReconciler(IResourceStore store, IEventStore events, IEcsApi ecs, AlarmStateCache alarms,
    ServiceSnapshotCache services, IQueueDepthReader? queues, ScalingOptions options, TimeProvider time, ILogger<ScalePolicyReconciler> logger,
    ScalePolicyCatalog? catalog = null) : IReconciler
{
    private readonly ScalePolicyCatalog catalog = catalog ?? new ScalePolicyCatalog(store);
    private readonly AppServiceLocator locator = new(store, services);
    private readonly StatusWriter statusWriter = new(store);
    private readonly EventRecorder recorder = new(events, time);

    public ResourceKind Kind => ResourceKind.ScalePolicy;

    /// <summary>The event recorded when the triggers ask for more than the top ceiling allows.</summary>
    public const string AtTopCeilingReason = "AtTopCeiling";

    /// <summary>Stretches the pass of a holding policy while AWS events flow: an alarm event wakes it at once.</summary>
    public Events.PollPacing Pacing { get; init; } = Events.PollPacing.Usual;

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct)
    {
        var item = await store.GetAsync(key, ct);
        if (item is null) return ReconcileResult.Done; // the App keeps its last count; nothing of ours to clean up
        var spec = ManifestLoader.Load<ScalePolicySpec>(item).Spec;
        var rules = ScaleRulesFactory.Create(spec, out var errors)
            ?? throw new TerminalReconcileException(ManifestLoader.InvalidSpec, $"{key}: {string.Join("; ", errors)}");

        var now = time.GetUtcNow();
        var old = StatusWriter.Read<ScalePolicyStatus>(item) ?? new ScalePolicyStatus();
        var status = old with
        {
            ObservedGeneration = item.Generation,
            Conditions = old.Conditions.Set(ConditionTypes.Degraded, false, "Valid", "the spec is valid", now),
        };

        var appKey = new ResourceKey(ResourceKind.App, key.Namespace, spec.TargetRef);
        var owner = (await catalog.ListRecentAsync(ct)).Where(e => e.AppKey == appKey).Select(e => e.Key).Append(key)
            .Min(ResourceKey.Comparer);
        var target = owner == key ? await locator.FindAsync(appKey, ct)
            : new AppTarget(null, "", "", null, "Conflict", $"{owner} also targets {appKey} and owns its desired count (the first by name wins)");
        if (!target.Ok)
        {
            Log.Held(logger, target.Message);
            return await HeldAsync(item, status, target.ProblemReason!, target.Message, now, ct);
        }

        if (Apps.ServiceFields.IsDaemon(target.Service))
        {
            // ECS runs one daemon task per container instance and refuses a desiredCount for the service.
            return await HeldAsync(item, status, "TargetIsDaemon", $"{appKey} is a DAEMON service (one task per container instance); it cannot be scaled", now, ct);
        }

        var live = target.Service!.Int("desiredCount") ?? 0;
        if (old.DesiredCount is { } expected && expected != live)
        {
            Log.ExternalChange(logger, expected, live);
            status = status with { ExternalChange = new ExternalChangeStatus { From = expected, To = live, DetectedAt = now } };
            await recorder.WarningAsync(key, "ExternalChange", $"desired count of {appKey} changed outside the policy from {expected} to {live}", ct);
        }

        var alarmStates = await alarms.GetStatesAsync(rules.AlarmNames, ct);
        var depths = await ReadQueuesAsync(key, rules, ct);
        var decision = ScaleDecider.Decide(new ScaleInput(rules, live, alarmStates, depths, now, old.LastScaleTime, old.Timer()));

        var apply = decision.DesiredCount;
        var timer = decision.CeilingTimer;
        if (apply > live && spec.CapacityPoolRef is { } poolName)
        {
            var (allowed, reason, message) = await CapacityGateAsync(key, poolName, appKey, live, apply, ct);
            status = status with { Conditions = status.Conditions.Set("CapacityReady", allowed >= apply, reason, message, now) };
            if (allowed < apply)
            {
                apply = allowed;
                timer = new StagedCeilings(rules.MaxTaskCount, rules.CooldownTimeForReachMaxSeconds).Track(old.Timer(), apply, now);
            }
        }

        var wasAtTop = old.Conditions.Find(ScaleConditions.ScalingLimited)?.Reason == ScaleConditions.TopCeiling;
        if (!wasAtTop && decision.Conditions.FirstOrDefault(c => c.Type == ScaleConditions.ScalingLimited && c.Reason == ScaleConditions.TopCeiling) is { } top)
        {
            // recorded once when the policy reaches its top ceiling (notifications may choose it), not every pass it stays
            await recorder.WarningAsync(key, AtTopCeilingReason, $"{appKey}: {top.Message}", ct);
        }
        var conditions = decision.Conditions.Aggregate(status.Conditions, (list, c) => list.Set(c.Type, c.Status, c.Reason, c.Message, now));
        if (!alarms.Available && rules.AlarmNames.Count > 0)
        {
            conditions = conditions.Set(ScaleConditions.ScalingActive, false, "AlarmsUnavailable",
                "no CloudWatch alarm API is configured for this operator: alarm triggers are held (minimum and ceilings still apply)", now);
        }
        status = status with { Conditions = conditions };
        if (apply != live)
        {
            await ecs.SendAsync(EcsAction.UpdateService, new JsonObject
            {
                ["cluster"] = target.Cluster, ["service"] = target.ServiceName, ["desiredCount"] = apply,
            }, ct);
            locator.Written(target);
            status = status with { LastScaleTime = now, LastScaleReason = decision.Reason };
            Log.Scaled(logger, live, apply, decision.Reason);
            await recorder.NormalAsync(key, apply > live ? "ScaledUp" : "ScaledDown", $"desired count of {appKey} {live} -> {apply}: {decision.Reason}", ct);
        }
        await statusWriter.WriteAsync(item, status.WithDecision(decision, apply, timer), ct);

        // Stretched only while the policy holds: after a move (an alarm still firing takes the next step a pass later),
        // with capacity short, or with queue triggers (read only by polling) the next pass comes at the usual interval.
        var holding = apply == live && apply >= decision.DesiredCount && rules.QueueTriggers.Count == 0;
        var next = holding ? Pacing.For(options.PolicyPassInterval) : options.PolicyPassInterval;
        var idleUntil = apply != live ? now + TimeSpan.FromSeconds(Math.Max(0, rules.IdleTimeSeconds)) : decision.IdleUntil;
        foreach (var at in new[] { idleUntil, decision.Ceiling.UnlocksAt })
        {
            if (at is { } t && t > now && t - now < next) next = t - now;
        }
        return ReconcileResult.After(next);
    }

    private async Task<Dictionary<string, QueueDepth>> ReadQueuesAsync(ResourceKey key, ScaleRules rules, CancellationToken ct)
    {
        var depths = new Dictionary<string, QueueDepth>(StringComparer.Ordinal);
        if (queues is null) return depths;
        foreach (var q in rules.QueueTriggers)
        {
            try
            {
                depths[q.QueueUrl] = await queues.GetDepthAsync(q.QueueUrl, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.QueueReadFailed(logger, q.QueueUrl, e.Message);
            }
        }
        return depths;
    }

    /// <summary>The policy cannot set the count (no such App, another policy owns it, a daemon service): ScalingActive
    /// is False saying why, and the policy looks again after a pass interval.</summary>
    private async Task<ReconcileResult> HeldAsync(StoredResource item, ScalePolicyStatus status, string reason, string message, DateTimeOffset now, CancellationToken ct)
    {
        await statusWriter.WriteAsync(item, status with { Conditions = status.Conditions.Set(ScaleConditions.ScalingActive, false, reason, message, now) }, ct);
        return ReconcileResult.After(options.PolicyPassInterval);
    }
}
