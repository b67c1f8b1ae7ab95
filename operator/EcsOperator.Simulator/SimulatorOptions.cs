namespace EcsOperator.Simulator;

/// <summary>How the simulated cloud behaves. Defaults are realistic enough for <c>ecs-operator local</c>.</summary>
public sealed class SimulatorOptions
{
    public string Region { get; set; } = "us-east-1";

    public string AccountId { get; set; } = "123456789012";

    /// <summary>Directory where state and logs persist (<c>StatePaths.Simulator</c>); null keeps everything in memory.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>How long after a change the state file is written (changes in between are batched).</summary>
    public TimeSpan PersistDebounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>With a state directory: a mutating ECS call is answered only after the state file holds its effect,
    /// so a crash forgets nothing the caller was told (on by default; off only to measure what it costs).</summary>
    public bool WriteThrough { get; set; } = true;

    public TaskTimings Timings { get; set; } = new();

    /// <summary>ECS's per-action-group token buckets. Off = unlimited.</summary>
    public bool ThrottlingEnabled { get; set; } = true;

    /// <summary>Multiplies every bucket's burst and refill rate (2 = twice as generous).</summary>
    public double ThrottleRateFactor { get; set; } = 1.0;

    /// <summary>Delay added to every API call (through the TimeProvider).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Seed for error-rate fault injection and placement randomness.</summary>
    public int RandomSeed { get; set; } = 12345;

    public SimulatorOptions Clone()
    {
        var copy = (SimulatorOptions)MemberwiseClone();
        copy.Timings = Timings with { };
        return copy;
    }
}

/// <summary>Durations of each task lifecycle step and of instance launches.</summary>
public sealed record TaskTimings
{
    /// <summary>PROVISIONING (awsvpc ENI attachment) before PENDING.</summary>
    public TimeSpan Provisioning { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>PENDING (image pull, container start) before ACTIVATING/RUNNING.</summary>
    public TimeSpan Pending { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>ACTIVATING (awsvpc, load balancer registration) before RUNNING.</summary>
    public TimeSpan Activating { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>DEACTIVATING (awsvpc) before STOPPING.</summary>
    public TimeSpan Deactivating { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>STOPPING (containers receive SIGTERM and exit) before DEPROVISIONING/STOPPED.</summary>
    public TimeSpan Stopping { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>DEPROVISIONING (awsvpc ENI detach) before STOPPED.</summary>
    public TimeSpan Deprovisioning { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long after reaching RUNNING an unhealthy workload crashes.</summary>
    public TimeSpan UnhealthyCrashAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a standalone task (RunTask) runs when its workload says nothing.</summary>
    public TimeSpan DefaultStandaloneRunTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>STOPPED tasks stay describable this long (ECS: at least an hour).</summary>
    public TimeSpan StoppedTaskRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>INACTIVE services stay describable this long.</summary>
    public TimeSpan InactiveServiceRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>From an Auto Scaling launch to InService and registration as a container instance.</summary>
    public TimeSpan InstanceLaunch { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>From Terminating to Terminated.</summary>
    public TimeSpan InstanceTerminate { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a service retries placing tasks it could not place.</summary>
    public TimeSpan PlacementRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>All-zero lifecycle steps: tasks reach RUNNING at the instant they are started.</summary>
    public static TaskTimings Instant { get; } = new()
    {
        Provisioning = TimeSpan.Zero, Pending = TimeSpan.Zero, Activating = TimeSpan.Zero, Deactivating = TimeSpan.Zero,
        Stopping = TimeSpan.Zero, Deprovisioning = TimeSpan.Zero, InstanceLaunch = TimeSpan.Zero, InstanceTerminate = TimeSpan.Zero,
    };
}
