using EcsOperator.Core.Apps;
using EcsOperator.Core.Controller;

namespace EcsOperator.Hosting;

/// <summary>Host settings, defaults in one place (leader election timings as in Kubernetes).</summary>
internal sealed class OperatorSettings
{
    public ControllerOptions Controller { get; init; } = new();

    public AppReconcilerOptions Apps { get; init; } = new();

    /// <summary>Port for /healthz, /readyz and /metrics; 0 picks a free one; null serves nothing.</summary>
    public int? MetricsPort { get; init; } = 9090;

    /// <summary>Address the HTTP endpoints bind to (loopback unless configured otherwise).</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    public string LeaseName { get; init; } = "ecs-operator-leader";

    /// <summary>This process' identity in the lease.</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a live-state snapshot of a cluster is shared between reconciles.</summary>
    public TimeSpan SnapshotTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Check before each rollout that what the new revision names exists (the backends' probe); on by default.</summary>
    public bool Preflight { get; init; } = true;

    /// <summary>Minimum log level (Information by default).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>Notification targets (<c>--notifications FILE</c>); null sends none.</summary>
    public Core.Notifications.NotificationSettings? Notifications { get; init; }

    /// <summary>Validates the settings; returns the problems.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Controller.Workers is < 1 or > 256) errors.Add("workers must be between 1 and 256");
        if (LeaseDuration <= RenewInterval) errors.Add("the lease duration must be longer than the renew interval");
        if (MetricsPort is < 0 or > 65535) errors.Add("metrics port must be between 0 and 65535");
        if (Apps.MassDeletionThreshold is <= 0 or > 1) errors.Add("mass-deletion threshold must be in (0, 1]");
        return errors;
    }
}
