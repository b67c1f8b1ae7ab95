using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using static EcsOperator.Core.Capacity.CapacityPoolStatusJson;

namespace EcsOperator.Core.Capacity;

public sealed partial class CapacityPoolReconciler
{
    private static void WritePlan(JsonObject status, CapacityPlan plan, CapacityInput input, IReadOnlyList<PoolInstance> instances,
        Dictionary<string, int> plannedFor, DateTimeOffset now)
    {
        status["requiredInstances"] = plan.RequiredInstances - Math.Max(0, input.Buffer);
        status["targetInstances"] = plan.TargetInstances;
        status["reason"] = plan.Reason;
        status["desiredCapacity"] = plan.TargetCapacity ?? input.DesiredCapacity;
        status["inServiceInstances"] = instances.Count(i => i.LifecycleState == "InService");
        status["registeredActive"] = plan.RegisteredActive;
        status["ready"] = plan.Ready;
        status["plannedFor"] = new JsonObject([.. plannedFor.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]);
        // Ours until seen gone or ACTIVE again: drains still running, plus those being terminated or given back this pass.
        var since = input.Draining.DistinctBy(d => d.InstanceId).ToDictionary(d => d.InstanceId, d => d.Since, StringComparer.Ordinal);
        var ours = plan.Draining
            .Concat(plan.Terminate.Concat(plan.Reactivate).Select(id => new DrainingInstance(id, since.GetValueOrDefault(id, now))))
            .DistinctBy(d => d.InstanceId);
        status["draining"] = DrainingJson(ours);
        status["drainingInstances"] = plan.Draining.Select(d => d.InstanceId).Order(StringComparer.Ordinal).ToJsonArray();
        status["unregistered"] = plan.Unregistered.Count == 0 ? null : plan.Unregistered.ToJsonArray();
        status["firstSeen"] = new JsonObject([.. instances.Where(i => !i.IsRegistered && i.IsLive)
            .OrderBy(i => i.InstanceId, StringComparer.Ordinal)
            .Select(i => KeyValuePair.Create(i.InstanceId, (JsonNode?)Iso(i.FirstSeen)))]);
        status["unplaceable"] = plan.Unplaceable.Count == 0 ? null : plan.Unplaceable.ToJsonArray();

        StatusConditions.Set(status, ConditionTypes.Ready, plan.Ready ? ConditionStatus.True : ConditionStatus.False,
            plan.Ready ? "CapacityAvailable" : "WaitingForInstances",
            $"{plan.RegisteredActive} registered active instance(s), {plan.RequiredInstances} required: {plan.Reason}", now);
        var (degraded, reason, message) =
            plan.Unplaceable.Count > 0 ? (true, "UnplaceableTasks", string.Join("; ", plan.Unplaceable))
            : plan.Replace.Count > 0 ? (true, "UnregisteredInstances", $"never registered with the cluster, replaced: {string.Join(", ", plan.Replace)}")
            : plan.RequiredInstances > input.MaxSize ? (true, "AtMaxSize", $"{plan.RequiredInstances} instance(s) required, the group's max size is {input.MaxSize}")
            : (false, "Healthy", "every task fits");
        StatusConditions.Set(status, ConditionTypes.Degraded, degraded ? ConditionStatus.True : ConditionStatus.False, reason, message, now);
        WriteScaleIn(status, plan, now);
    }

    /// <summary>How many instances are protected, and whether protection or zone balance keeps an empty instance the
    /// plan wanted to remove.</summary>
    private static void WriteScaleIn(JsonObject status, CapacityPlan plan, DateTimeOffset now)
    {
        status["protectedInstances"] = plan.Protected.Count;
        var (blocked, reason, message) =
            plan.BlockedByProtection.Count > 0
                ? (true, "ScaleInProtection", $"{plan.Protected.Count} instance(s) have scale-in protection, which blocks scale-in of the empty ones: {string.Join(", ", plan.BlockedByProtection)}")
            : plan.HeldForBalance.Count > 0
                ? (true, "ZoneBalance", $"removing {string.Join(", ", plan.HeldForBalance)} would leave its zone more than one instance below another zone")
            : (false, "NotBlocked", plan.Protected.Count > 0 ? $"{plan.Protected.Count} instance(s) have scale-in protection; none is needed for scale-in now" : "no instance has scale-in protection");
        StatusConditions.Set(status, ConditionTypes.ScaleInBlocked, blocked ? ConditionStatus.True : ConditionStatus.False, reason, message, now);
    }

    private async Task ApplyAsync(ResourceKey key, CapacityPoolSpec spec, CapacityPlan plan, IReadOnlyList<PoolInstance> instances,
        DateTimeOffset now, CancellationToken ct)
    {
        var arnOf = instances.Where(i => i.ContainerInstanceArn is not null).DistinctBy(i => i.InstanceId).ToDictionary(i => i.InstanceId, i => i.ContainerInstanceArn!, StringComparer.Ordinal);
        foreach (var (action, ids) in new[] { ("reactivate", plan.Reactivate), ("drain", plan.StartDraining), ("terminate", plan.Terminate), ("replace", plan.Replace) })
        {
            if (ids.Count > 0) Log.PoolAction(logger, action, string.Join(",", ids), plan.Reason);
        }
        if (plan.TargetCapacity is { } target) Log.PoolAction(logger, "set desired capacity", target.ToString(System.Globalization.CultureInfo.InvariantCulture), plan.Reason);
        if (plan.Reactivate.Count > 0)
        {
            await SetStateAsync(spec.Cluster, plan.Reactivate.Select(arnOf.GetValueOrDefault).OfType<string>().ToList(), "ACTIVE", ct);
            await RecordAsync(key, ResourceEvent.Normal, "Reactivated", $"set ACTIVE again: {string.Join(", ", plan.Reactivate)}", now, ct);
        }
        if (plan.TargetCapacity is { } capacity)
        {
            await autoScaling.SetDesiredCapacityAsync(spec.AutoScalingGroupName, capacity, honorCooldown: false, ct);
            await RecordAsync(key, ResourceEvent.Normal, "ScaledUp", $"desired capacity of {spec.AutoScalingGroupName} -> {capacity}: {plan.Reason}", now, ct);
        }
        if (plan.StartDraining.Count > 0)
        {
            await SetStateAsync(spec.Cluster, plan.StartDraining.Select(arnOf.GetValueOrDefault).OfType<string>().ToList(), "DRAINING", ct);
            await RecordAsync(key, ResourceEvent.Normal, "Draining", $"no task runs on {string.Join(", ", plan.StartDraining)}: draining before scale-in ({plan.Reason})", now, ct);
        }
        var standby = instances.Where(i => i.IsStandby).Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in plan.Terminate)
        {
            // A Standby instance is outside the desired capacity already: decrementing would take an in-service one too.
            await autoScaling.TerminateInstanceInAutoScalingGroupAsync(id, shouldDecrementDesiredCapacity: !standby.Contains(id), ct);
            await RecordAsync(key, ResourceEvent.Normal, "Terminated", $"drained and still empty: terminated {id} with decrement", now, ct);
        }
        foreach (var id in plan.Replace)
        {
            await autoScaling.TerminateInstanceInAutoScalingGroupAsync(id, shouldDecrementDesiredCapacity: false, ct);
            await RecordAsync(key, ResourceEvent.Warning, "UnregisteredInstance", $"{id} never registered with cluster {spec.Cluster}: replaced", now, ct);
        }
    }

    private Task SetStateAsync(string cluster, IReadOnlyList<string> arns, string state, CancellationToken ct) =>
        ecs.UpdateContainerInstancesStateAsync(cluster, arns, state, ct);

    private Task RecordAsync(ResourceKey key, string type, string reason, string message, DateTimeOffset now, CancellationToken ct) =>
        events.RecordAsync(key, new ResourceEvent(key, type, reason, message, 1, now, now), ct);
}
