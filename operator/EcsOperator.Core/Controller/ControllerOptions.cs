using System.ComponentModel.DataAnnotations;

namespace EcsOperator.Core.Controller;

/// <summary>Controller runtime settings, defaults in one place.</summary>
public sealed class ControllerOptions
{
    /// <summary>Concurrent reconciles (never two for one key).</summary>
    [Range(1, 256)]
    public int Workers { get; set; } = 4;

    /// <summary>A reconcile running longer is cancelled and retried with backoff.</summary>
    public TimeSpan ReconcileTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often every key is listed and reconciled again, whatever the watch said.</summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
