using System.ComponentModel;

namespace EcsOperator.Core.Model;

/// <summary><c>status</c> of a CapacityPool (written by the operator only).</summary>
public sealed record CapacityPoolStatus
{
    [Description("The metadata generation this status describes.")]
    public long ObservedGeneration { get; init; }

    [Description("Desired capacity the operator last set on the Auto Scaling group.")]
    public int? DesiredCapacity { get; init; }

    [Description("Instances the placed tasks need, before the buffer.")]
    public int? RequiredInstances { get; init; }

    [Description("Instances the pool plans for: required instances plus the buffer, within the group's min and max size.")]
    public int? TargetInstances { get; init; }

    [Description("Why the pool plans this many instances.")]
    public string? Reason { get; init; }

    [Description("Instances in service in the group.")]
    public int? InServiceInstances { get; init; }

    [Description("The group's instances registered with the cluster and ACTIVE.")]
    public int? RegisteredActive { get; init; }

    [Description("True when the registered instances hold everything the pool planned for (Apps wait for this before scaling up).")]
    public bool? Ready { get; init; }

    [Description("Tasks the pool planned capacity for, by App key (kind/namespace/name).")]
    public IReadOnlyDictionary<string, int> PlannedFor { get; init; } = new Dictionary<string, int>();

    [Description("Instances the pool is draining or giving back, with when it started.")]
    public IReadOnlyList<DrainingStatus> Draining { get; init; } = [];

    [Description("Container instances being drained before termination.")]
    public IReadOnlyList<string> DrainingInstances { get; init; } = [];

    [Description("Live instances of the group not registered with the cluster.")]
    public IReadOnlyList<string>? Unregistered { get; init; }

    [Description("When each unregistered instance was first seen (an instance that never registers is replaced).")]
    public IReadOnlyDictionary<string, DateTimeOffset> FirstSeen { get; init; } = new Dictionary<string, DateTimeOffset>();

    [Description("Tasks no instance type of the group can place, with why.")]
    public IReadOnlyList<string>? Unplaceable { get; init; }

    [Description("How many of the group's instances have scale-in protection (the pool never scales them in).")]
    public int? ProtectedInstances { get; init; }

    [Description("True when the pool's spec.ignoreDifferences leaves the group's desired capacity to another owner (the plan is reported, not applied).")]
    public bool? DesiredCapacityIgnored { get; init; }

    [Description("Instances of the group drained ahead of a Spot reclaim in the last day (from the pool's SpotDrain events), newest first.")]
    public IReadOnlyList<SpotDrainStatus>? SpotDrains { get; init; }

    [Description("Conditions of the CapacityPool.")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
}

public sealed record DrainingStatus
{
    [Description("The EC2 instance id.")]
    public required string InstanceId { get; init; }

    [Description("When the pool started draining it.")]
    public DateTimeOffset Since { get; init; }
}

public sealed record SpotDrainStatus
{
    [Description("The EC2 instance id.")]
    public required string InstanceId { get; init; }

    [Description("What announced the reclaim: SpotInterruption or RebalanceRecommendation.")]
    public required string Warning { get; init; }

    [Description("When the operator drained it.")]
    public DateTimeOffset At { get; init; }
}
