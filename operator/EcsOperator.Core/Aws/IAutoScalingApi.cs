namespace EcsOperator.Core.Aws;

/// <summary>EC2 Auto Scaling, the calls the CapacityPool reconciler makes (Query protocol on the wire).</summary>
public interface IAutoScalingApi
{
    /// <summary>The named groups (all when empty), paging handled inside.</summary>
    Task<IReadOnlyList<AutoScalingGroup>> DescribeAutoScalingGroupsAsync(IReadOnlyList<string> names, CancellationToken ct);

    Task SetDesiredCapacityAsync(string groupName, int desiredCapacity, bool honorCooldown, CancellationToken ct);

    Task UpdateAutoScalingGroupAsync(string groupName, int? minSize, int? maxSize, int? desiredCapacity, CancellationToken ct);

    Task DetachInstancesAsync(string groupName, IReadOnlyList<string> instanceIds, bool shouldDecrementDesiredCapacity, CancellationToken ct);

    Task TerminateInstanceInAutoScalingGroupAsync(string instanceId, bool shouldDecrementDesiredCapacity, CancellationToken ct);

    Task SetInstanceProtectionAsync(string groupName, IReadOnlyList<string> instanceIds, bool protectedFromScaleIn, CancellationToken ct);

    Task<IReadOnlyList<AutoScalingInstance>> DescribeAutoScalingInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken ct);
}

public sealed record AutoScalingGroup(
    string Name,
    int MinSize,
    int MaxSize,
    int DesiredCapacity,
    IReadOnlyList<string> AvailabilityZones,
    IReadOnlyList<AutoScalingInstance> Instances);

/// <param name="LifecycleState">Pending, InService, Terminating, Terminated, Detaching, Detached, ...</param>
/// <param name="HealthStatus">Healthy or Unhealthy.</param>
public sealed record AutoScalingInstance(
    string InstanceId,
    string GroupName,
    string AvailabilityZone,
    string LifecycleState,
    string HealthStatus,
    bool ProtectedFromScaleIn);
