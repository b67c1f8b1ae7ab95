using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace EcsOperator.Core.Model;

/// <summary>Whether a CapacityPool may remove instances.</summary>
public enum ScaleInPolicy
{
    /// <summary>Drain and terminate idle instances above the needed count.</summary>
    Enabled,
    /// <summary>Only ever grow the group.</summary>
    Disabled,
}

/// <summary>What an EC2 Instance Rebalance Recommendation for one of a pool's Spot instances does.</summary>
public enum SpotRebalancePolicy
{
    /// <summary>Nothing until the interruption warning itself (two minutes before the reclaim).</summary>
    Ignore,
    /// <summary>Drain the instance and launch its replacement at once, as for an interruption warning.</summary>
    Drain,
}

/// <summary><c>spec</c> of a CapacityPool: an EC2 Auto Scaling group sized to the tasks placed on it.</summary>
public sealed record CapacityPoolSpec
{
    [Description("Name of the ECS cluster the group's instances join.")]
    public required string Cluster { get; init; }

    [Description("AWS region of the cluster and group. Defaults to the operator's region.")]
    public string? Region { get; init; }

    [Description("Name of the EC2 Auto Scaling group.")]
    public required string AutoScalingGroupName { get; init; }

    [Description("Spare instances kept above what the placed tasks need.")]
    [Range(0, 10000)]
    [DefaultValue(0)]
    public int Buffer { get; init; }

    [Description("Seconds to wait for the tasks to leave a draining instance. An instance is terminated only once it runs no task; after the timeout an instance that still (or again) runs a task is given back (set ACTIVE), never terminated.")]
    [Range(0, 86400)]
    public int? DrainTimeoutSeconds { get; init; }

    [Description("Group settings another owner changes on purpose, which the pool then leaves alone: 'desiredCapacity' (no SetDesiredCapacity and no scale-in; the plan is still reported in status).")]
    public IReadOnlyList<string>? IgnoreDifferences { get; init; }

    [Description("'Enabled' drains and terminates instances no task needs; 'Disabled' only grows the group.")]
    [DefaultValue(ScaleInPolicy.Enabled)]
    public ScaleInPolicy ScaleIn { get; init; } = ScaleInPolicy.Enabled;

    [Description("What an EC2 rebalance recommendation for one of the group's Spot instances does (events queue required): 'Drain' drains it and launches its replacement at once, as an interruption warning always does; 'Ignore' waits for the interruption warning.")]
    [DefaultValue(SpotRebalancePolicy.Ignore)]
    public SpotRebalancePolicy SpotRebalance { get; init; } = SpotRebalancePolicy.Ignore;
}
