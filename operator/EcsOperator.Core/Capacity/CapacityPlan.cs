namespace EcsOperator.Core.Capacity;

/// <summary>What the pool should do this pass. Every list names instance ids.</summary>
/// <param name="RequiredInstances">Instances the demand packs into, plus the buffer (before min/max of the group).</param>
/// <param name="TargetCapacity">The group's desired capacity to set now, or null to leave it (never lowered directly:
/// scale-in happens only by terminating chosen empty instances with decrement).</param>
/// <param name="StartDraining">Empty instances chosen for scale-in: set DRAINING now.</param>
/// <param name="Reactivate">Draining instances to set ACTIVE again (needed after all, or they gained a task and the drain timed out).</param>
/// <param name="Terminate">Drained instances, still empty: TerminateInstanceInAutoScalingGroup with decrement.</param>
/// <param name="Replace">Instances that never registered within the grace period: terminate without decrement so the group replaces them.</param>
/// <param name="Draining">The draining set to keep in status after this pass.</param>
/// <param name="RegisteredActive">Instances registered with the cluster, ACTIVE, and not leaving.</param>
/// <param name="TargetInstances"><paramref name="RequiredInstances"/> within the group's min and max size.</param>
public sealed record CapacityPlan(
    int RequiredInstances,
    string Reason,
    int? TargetCapacity,
    IReadOnlyList<string> StartDraining,
    IReadOnlyList<string> Reactivate,
    IReadOnlyList<string> Terminate,
    IReadOnlyList<string> Replace,
    IReadOnlyList<string> Unregistered,
    IReadOnlyList<DrainingInstance> Draining,
    IReadOnlyList<string> Unplaceable,
    int RegisteredActive,
    TaskSize? InstanceSize,
    int TargetInstances)
{
    /// <summary>The registered, active instances are all the group will get for this demand: every task the demand asked
    /// for fits, or the group is at its max size (then <see cref="RequiredInstances"/> above max is reported, not waited for).</summary>
    public bool Ready => RegisteredActive >= TargetInstances;

    /// <summary>Every live or Standby instance with scale-in protection.</summary>
    public IReadOnlyList<string> Protected { get; init; } = [];

    /// <summary>Empty instances scale-in wanted but could not take because they are protected.</summary>
    public IReadOnlyList<string> BlockedByProtection { get; init; } = [];

    /// <summary>Empty instances scale-in wanted but kept because removing them would unbalance the zones.</summary>
    public IReadOnlyList<string> HeldForBalance { get; init; } = [];

    public bool HasActions => TargetCapacity is not null || StartDraining.Count + Reactivate.Count + Terminate.Count + Replace.Count > 0;
}
