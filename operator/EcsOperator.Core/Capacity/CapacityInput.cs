namespace EcsOperator.Core.Capacity;

/// <summary>Everything one capacity decision looks at, read fresh each pass.</summary>
/// <param name="Demand">The tasks that must fit: each App's wanted count (the larger of its live desired count and what its
/// ScalePolicy wants), and every running or pending task not owned by a service (Jobs, one-off tasks).</param>
/// <param name="Buffer">Spare instances on top of what the tasks need.</param>
/// <param name="Draining">Instances this pool set to DRAINING, with when, as kept in status.</param>
/// <param name="DaemonReservation">cpu/memory every instance gives to daemon tasks, taken off each instance before packing.</param>
public sealed record CapacityInput(
    IReadOnlyList<PoolInstance> Instances,
    IReadOnlyList<TaskDemand> Demand,
    int Buffer,
    int MinSize,
    int MaxSize,
    int DesiredCapacity,
    bool ScaleInEnabled,
    TimeSpan DrainTimeout,
    TimeSpan RegistrationGrace,
    IReadOnlyList<DrainingInstance> Draining,
    DateTimeOffset Now,
    TaskSize? DaemonReservation = null);

/// <summary>One instance of the Auto Scaling group, joined with its ECS container instance when it registered.</summary>
/// <param name="LifecycleState">Auto Scaling lifecycle: Pending, InService, Terminating, ...</param>
/// <param name="EcsStatus">ACTIVE, DRAINING, ... or null when the instance never registered with the cluster.</param>
/// <param name="Registered">cpu/memory the container instance registered (null when not registered).</param>
/// <param name="Tasks">Running + pending tasks on it, of any kind (service, daemon, Job).</param>
/// <param name="FirstSeen">When the pool first saw this instance (kept in status), for the registration grace period.</param>
public sealed record PoolInstance(
    string InstanceId,
    string AvailabilityZone,
    string LifecycleState,
    bool ProtectedFromScaleIn,
    string? ContainerInstanceArn,
    string? EcsStatus,
    TaskSize? Registered,
    int Tasks,
    DateTimeOffset FirstSeen)
{
    public bool IsLive => LifecycleState is "Pending" or "Pending:Wait" or "Pending:Proceed" or "InService";

    public bool IsRegistered => ContainerInstanceArn is not null && EcsStatus is not null;

    public bool IsStandby => LifecycleState == "Standby";
}

/// <summary>cpu units (1024 = 1 vCPU) and memory in MiB.</summary>
public readonly record struct TaskSize(int Cpu, int Memory)
{
    public override string ToString() => $"{Cpu} cpu / {Memory} MiB";
}

/// <param name="Source">What wants the tasks, e.g. <c>App/default/web</c> or <c>task abc123</c>.</param>
/// <param name="Size">One task's cpu/memory; null when unknown.</param>
/// <param name="RequiredCapacity">Instances per task (0.5 = two per instance); when set, used instead of <paramref name="Size"/>.</param>
public sealed record TaskDemand(string Source, int Count, TaskSize? Size, double? RequiredCapacity = null);

public sealed record DrainingInstance(string InstanceId, DateTimeOffset Since);
