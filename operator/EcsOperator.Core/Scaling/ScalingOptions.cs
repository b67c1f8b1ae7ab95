using System.ComponentModel.DataAnnotations;

namespace EcsOperator.Core.Scaling;

/// <summary>Timings of the ScalePolicy and CapacityPool reconcilers, defaults in one place.</summary>
public sealed class ScalingOptions
{
    /// <summary>How often every ScalePolicy is evaluated; also the life of the shared alarm and service snapshots.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PolicyPassInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often every CapacityPool is evaluated when nothing is in flight.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PoolPassInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How soon a pool looks again while instances launch or drain.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PoolBusyInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An Auto Scaling instance that has not registered with the cluster this long after the pool first saw it is replaced.</summary>
    public TimeSpan RegistrationGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Drain timeout when the pool's spec sets none.</summary>
    public TimeSpan DefaultDrainTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
