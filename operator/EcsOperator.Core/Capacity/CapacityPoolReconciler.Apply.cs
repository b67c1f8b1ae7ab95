using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Capacity;

public sealed partial class CapacityPoolReconciler
{
    private static CapacityPoolStatus WithPlan(CapacityPoolStatus status, CapacityPlan plan, CapacityInput input, IReadOnlyList<PoolInstance> instances,
        Dictionary<string, int> plannedFor, DateTimeOffset now)
    {
        // Ours until seen gone or ACTIVE again: drains still running, plus those being terminated or given back this pass.
        var since = input.Draining.DistinctBy(d => d.InstanceId).ToDictionary(d => d.InstanceId, d => d.Since, StringComparer.Ordinal);
        var ours = plan.Draining
            .Concat(plan.Terminate.Concat(plan.Reactivate).Select(id => new DrainingInstance(id, since.GetValueOrDefault(id, now))))
            .DistinctBy(d => d.InstanceId);
        var (degraded, reason, message) =
            plan.Unplaceable.Count > 0 ? (true, "UnplaceableTasks", string.Join("; ", plan.Unplaceable))
            : plan.Replace.Count > 0 ? (true, "UnregisteredInstances", $"never registered with the cluster, replaced: {string.Join(", ", plan.Replace)}")
            : plan.RequiredInstances > input.MaxSize ? (true, "AtMaxSize", $"{plan.RequiredInstances} instance(s) required, the group's max size is {input.MaxSize}")
            : (false, "Healthy", "every task fits");
        var conditions = status.Conditions
            .Set(ConditionTypes.Ready, plan.Ready, plan.Ready ? "CapacityAvailable" : "WaitingForInstances",
                $"{plan.RegisteredActive} registered active instance(s), {plan.RequiredInstances} required: {plan.Reason}", now)
            .Set(ConditionTypes.Degraded, degraded, reason, message, now);
        return status with
        {
            RequiredInstances = plan.RequiredInstances - Math.Max(0, input.Buffer),
            TargetInstances = plan.TargetInstances,
            Reason = plan.Reason,
            DesiredCapacity = plan.TargetCapacity ?? input.DesiredCapacity,
            InServiceInstances = instances.Count(i => i.LifecycleState == "InService"),
            RegisteredActive = plan.RegisteredActive,
            Ready = plan.Ready,
            PlannedFor = new SortedDictionary<string, int>(plannedFor, StringComparer.Ordinal),
            Draining = [.. ours.OrderBy(d => d.InstanceId, StringComparer.Ordinal).Select(d => new DrainingStatus { InstanceId = d.InstanceId, Since = d.Since })],
            DrainingInstances = [.. plan.Draining.Select(d => d.InstanceId).Order(StringComparer.Ordinal)],
            Unregistered = plan.Unregistered.Count == 0 ? null : plan.Unregistered,
            FirstSeen = new SortedDictionary<string, DateTimeOffset>(
                instances.Where(i => !i.IsRegistered && i.IsLive).DistinctBy(i => i.InstanceId).ToDictionary(i => i.InstanceId, i => i.FirstSeen, StringComparer.Ordinal),
                StringComparer.Ordinal),
            Unplaceable = plan.Unplaceable.Count == 0 ? null : plan.Unplaceable,
            ProtectedInstances = plan.Protected.Count,
            Conditions = WithScaleIn(conditions, plan, now),
        };
    }

    /// <summary>Whether protection or zone balance keeps an empty instance the plan wanted to remove.</summary>
    private static IReadOnlyList<Condition> WithScaleIn(IReadOnlyList<Condition> conditions, CapacityPlan plan, DateTimeOffset now)
    {
        var (blocked, reason, message) =
            plan.BlockedByProtection.Count > 0
                ? (true, "ScaleInProtection", $"{plan.Protected.Count} instance(s) have scale-in protection, which blocks scale-in of the empty ones: {string.Join(", ", plan.BlockedByProtection)}")
            : plan.HeldForBalance.Count > 0
                ? (true, "ZoneBalance", $"removing {string.Join(", ", plan.HeldForBalance)} would leave its zone more than one instance below another zone")
            : (false, "NotBlocked", plan.Protected.Count > 0 ? $"{plan.Protected.Count} instance(s) have scale-in protection; none is needed for scale-in now" : "no instance has scale-in protection");
        return conditions.Set(ConditionTypes.ScaleInBlocked, blocked, reason, message, now);
    }

    private async Task ApplyAsync(ResourceKey key, CapacityPoolSpec spec, CapacityPlan plan, IReadOnlyList<PoolInstance> instances, CancellationToken ct)
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
            await recorder.NormalAsync(key, "Reactivated", $"set ACTIVE again: {string.Join(", ", plan.Reactivate)}", ct);
        }
        if (plan.TargetCapacity is { } capacity)
        {
            await autoScaling.SetDesiredCapacityAsync(spec.AutoScalingGroupName, capacity, honorCooldown: false, ct);
            await recorder.NormalAsync(key, "ScaledUp", $"desired capacity of {spec.AutoScalingGroupName} -> {capacity}: {plan.Reason}", ct);
        }
        if (plan.StartDraining.Count > 0)
        {
            await SetStateAsync(spec.Cluster, plan.StartDraining.Select(arnOf.GetValueOrDefault).OfType<string>().ToList(), "DRAINING", ct);
            await recorder.NormalAsync(key, "Draining", $"no task runs on {string.Join(", ", plan.StartDraining)}: draining before scale-in ({plan.Reason})", ct);
        }
        var standby = instances.Where(i => i.IsStandby).Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in plan.Terminate)
        {
            // A Standby instance is outside the desired capacity already: decrementing would take an in-service one too.
            await autoScaling.TerminateInstanceInAutoScalingGroupAsync(id, shouldDecrementDesiredCapacity: !standby.Contains(id), ct);
            await recorder.NormalAsync(key, "Terminated", $"drained and still empty: terminated {id} with decrement", ct);
        }
        foreach (var id in plan.Replace)
        {
            await autoScaling.TerminateInstanceInAutoScalingGroupAsync(id, shouldDecrementDesiredCapacity: false, ct);
            await recorder.WarningAsync(key, "UnregisteredInstance", $"{id} never registered with cluster {spec.Cluster}: replaced", ct);
        }
    }

    private Task SetStateAsync(string cluster, IReadOnlyList<string> arns, string state, CancellationToken ct) =>
        ecs.UpdateContainerInstancesStateAsync(cluster, arns, state, ct);
}
