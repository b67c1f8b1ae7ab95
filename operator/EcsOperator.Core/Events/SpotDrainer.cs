using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Events;

/// <summary>
/// Acts on a Spot Instance interruption warning (and, when the pool's <c>spotRebalance</c> is Drain, on a rebalance
/// recommendation) for an instance of a CapacityPool's group, ahead of the loss two minutes later: the container instance is set to DRAINING at once (ECS moves service tasks off it) and the instance is detached
/// from its group without lowering the desired capacity, so Auto Scaling launches the replacement now instead of after
/// the reclaim. Recorded as a SpotDrain event on the pool. Idempotent: an instance already DRAINING or no longer in the
/// group is left as it is, so a duplicate warning changes nothing. Jobs running on the instance keep running until the
/// reclaim stops them; their Job re-runs them as host loss, without counting a failure.
/// </summary>
public sealed class SpotDrainer(IEcsApi ecs, IAutoScalingApi autoScaling, IEventStore events, ResourceInformer informer, TimeProvider time)
{
    public const string Reason = "SpotDrain";

    /// <summary>Recorded for a rebalance recommendation the pool is set not to act on.</summary>
    public const string RebalanceIgnoredReason = "SpotRebalanceIgnored";

    /// <summary>Drains the instance when it belongs to a CapacityPool; returns the pool, or null when none owns it.</summary>
    public async Task<ResourceKey?> DrainAsync(InstanceWarning warning, CancellationToken ct)
    {
        var member = (await autoScaling.DescribeAutoScalingInstancesAsync([warning.InstanceId], ct)).FirstOrDefault();
        if (member is null) return null;
        var pool = informer.List(ResourceKind.CapacityPool).Select(p => (p.Key, Spec: Read(p))).FirstOrDefault(p => p.Spec?.AutoScalingGroupName == member.GroupName);
        if (pool.Spec is null) return null;
        var rebalance = warning.Kind == InstanceWarningKind.RebalanceRecommendation;
        if (rebalance && pool.Spec.SpotRebalance != SpotRebalancePolicy.Drain)
        {
            await events.RecordAsync(pool.Key, EventRecorder.Create(pool.Key, ResourceEvent.Normal, RebalanceIgnoredReason,
                $"rebalance recommendation for {warning.InstanceId}: not drained (spec.spotRebalance is Ignore)", time.GetUtcNow()), ct);
            return pool.Key;
        }

        var arns = await ecs.ListContainerInstancesAsync(pool.Spec.Cluster, null, ct);
        var instances = await ecs.DescribeContainerInstancesAsync(pool.Spec.Cluster, arns, ct);
        var container = instances.FirstOrDefault(i => i.Str("ec2InstanceId") == warning.InstanceId);
        var drained = false;
        if (container?.Str("containerInstanceArn") is { } arn && container.Str("status") == "ACTIVE")
        {
            await ecs.UpdateContainerInstancesStateAsync(pool.Spec.Cluster, [arn], "DRAINING", ct);
            drained = true;
        }
        var replaced = false;
        if (member.LifecycleState is "InService" or "Pending")
        {
            await autoScaling.DetachInstancesAsync(member.GroupName, [warning.InstanceId], shouldDecrementDesiredCapacity: false, ct);
            replaced = true;
        }
        if (drained || replaced)
        {
            var now = time.GetUtcNow();
            var message = $"{(rebalance ? "rebalance recommendation" : "Spot interruption warning")} for {warning.InstanceId}: "
                + (drained ? "container instance set to DRAINING" : "container instance already draining or not registered")
                + (replaced ? $", detached from {member.GroupName} so a replacement launches now" : "");
            await events.RecordAsync(pool.Key, EventRecorder.Create(pool.Key, ResourceEvent.Warning, Reason, message, now), ct);
        }
        return pool.Key;
    }

    /// <summary>The instance a SpotDrain event's message names (messages read "... for i-0abc...: ...").</summary>
    public static string? InstanceOf(string message)
    {
        var i = message.IndexOf(" for i-", StringComparison.Ordinal);
        if (i < 0) return null;
        var id = message[(i + " for ".Length)..].Split(':', ' ')[0];
        return id.Length > 2 ? id : null;
    }

    private static CapacityPoolSpec? Read(StoredResource item) => ManifestLoader.TryLoad<CapacityPoolSpec>(item, out var loaded, out _) ? loaded.Spec : null;
}
