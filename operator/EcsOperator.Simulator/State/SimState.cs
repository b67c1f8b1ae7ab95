using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EcsOperator.Simulator.State;

/// <summary>Everything the simulated cloud knows; serialised whole to the state file. Runtime indexes are [JsonIgnore].</summary>
internal sealed class SimState
{
    public int Version { get; set; } = 1;

    public DateTimeOffset SavedAt { get; set; }

    public Dictionary<string, ClusterRec> Clusters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Task definition revisions by family (index = revision - 1).</summary>
    public Dictionary<string, List<TaskDefRec>> Families { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, AsgRec> Groups { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, AlarmRec> Alarms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Workloads set by tests/local users for every new task of a family.</summary>
    public Dictionary<string, WorkloadBehavior> FamilyWorkloads { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class ClusterRec
{
    public string Name { get; set; } = "";
    public string Arn { get; set; } = "";
    public string Status { get; set; } = "ACTIVE";
    public JsonArray Tags { get; set; } = [];
    public JsonObject Request { get; set; } = [];
    public Dictionary<string, ServiceRec> Services { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, TaskRec> Tasks { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, InstanceRec> Instances { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, RunTokenRec> RunTokens { get; set; } = new(StringComparer.Ordinal);

    [JsonIgnore] public SortedSet<string> ListedServiceArns { get; } = new(StringComparer.Ordinal);
    [JsonIgnore] public SortedSet<string> TaskArns { get; } = new(StringComparer.Ordinal);
    [JsonIgnore] public SortedSet<string> InstanceArns { get; } = new(StringComparer.Ordinal);
    [JsonIgnore] public Dictionary<string, HashSet<TaskRec>> TasksByStartedBy { get; } = new(StringComparer.Ordinal);
    /// <summary>Services waiting for capacity: re-evaluated when capacity appears.</summary>
    [JsonIgnore] public HashSet<ServiceRec> Starved { get; } = [];
}

internal sealed class RunTokenRec
{
    public string Fingerprint { get; set; } = "";
    public List<string> TaskIds { get; set; } = [];
    public JsonArray Failures { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class TaskDefRec
{
    public string Arn { get; set; } = "";
    public string Family { get; set; } = "";
    public int Revision { get; set; }
    public string Status { get; set; } = "ACTIVE";
    /// <summary>The task definition as DescribeTaskDefinition returns it (request pass-through plus ECS fields).</summary>
    public JsonObject Body { get; set; } = [];
    public JsonArray Tags { get; set; } = [];
    public int Cpu { get; set; }
    public int Memory { get; set; }
    public bool Awsvpc { get; set; }
    public List<int> HostPorts { get; set; } = [];
}

internal sealed class ServiceRec
{
    public string Name { get; set; } = "";
    public string Arn { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string Status { get; set; } = "ACTIVE";
    /// <summary>The service's configuration: the CreateService request with later UpdateService fields applied.</summary>
    public JsonObject Spec { get; set; } = [];
    public int DesiredCount { get; set; }
    public string TaskDefinitionArn { get; set; } = "";
    public List<DeploymentRec> Deployments { get; set; } = [];
    public List<ServiceEventRec> Events { get; set; } = [];
    public JsonArray Tags { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public string? ClientToken { get; set; }
    public string? LastCompletedTaskDefinition { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? NextLaunchAt { get; set; }
    public DateTimeOffset? NextAt { get; set; }
    public DateTimeOffset? InactiveAt { get; set; }
    public bool Steady { get; set; }

    [JsonIgnore] public HashSet<TaskRec> LiveTasks { get; } = [];
    /// <summary>Every task of the service not yet STOPPED (including those on their way down).</summary>
    [JsonIgnore] public HashSet<TaskRec> UnstoppedTasks { get; } = [];
    [JsonIgnore] public DeploymentRec? Primary => Deployments.Count > 0 ? Deployments[0] : null;
}

internal sealed class DeploymentRec
{
    public string Id { get; set; } = "";
    public string Status { get; set; } = "PRIMARY";
    public string TaskDefinitionArn { get; set; } = "";
    public int DesiredCount { get; set; }
    public int FailedTasks { get; set; }
    public int CircuitBreakerFailures { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string RolloutState { get; set; } = "IN_PROGRESS";
    public string RolloutStateReason { get; set; } = "";
    /// <summary>BLUE_GREEN: when this (green) deployment's bake time ends; set once it runs its full desired count healthy.</summary>
    public DateTimeOffset? BakeUntil { get; set; }
    /// <summary>launchType, capacityProviderStrategy, platformVersion, networkConfiguration, placement at creation.</summary>
    public JsonObject Spec { get; set; } = [];
}

internal sealed class ServiceEventRec
{
    public string Id { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string Message { get; set; } = "";
}

internal sealed class ContainerRec
{
    public string Name { get; set; } = "";
    public string Image { get; set; } = "";
    public string RuntimeId { get; set; } = "";
    public bool Essential { get; set; } = true;
    /// <summary>True for the one container that runs the task's workload (exit code, run time, log lines).</summary>
    public bool Workload { get; set; }
    /// <summary>The definition's <c>dependsOn</c>: containers that must reach a condition before this one starts.</summary>
    public List<ContainerDependency> DependsOn { get; set; } = [];
    public string LastStatus { get; set; } = "PENDING";
    public DateTimeOffset? StartedAt { get; set; }
    /// <summary>When this RUNNING container exits by itself (null = runs until the task is stopped).</summary>
    public DateTimeOffset? ExitAt { get; set; }
    public int? ExitCode { get; set; }
    public string? Reason { get; set; }
    public string? HealthStatus { get; set; }
    public bool HasHealthCheck { get; set; }
    public string? LogGroup { get; set; }
    public string? LogStream { get; set; }
    public JsonArray NetworkBindings { get; set; } = [];
    public string? Cpu { get; set; }
    public int? Memory { get; set; }
    public int? MemoryReservation { get; set; }
}

/// <summary>One <c>dependsOn</c> entry: START, COMPLETE, SUCCESS or HEALTHY.</summary>
internal sealed record ContainerDependency(string ContainerName, string Condition);

internal sealed class TaskRec
{
    public string Id { get; set; } = "";
    public string Arn { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string TaskDefinitionArn { get; set; } = "";
    public string Family { get; set; } = "";
    public string? InstanceId { get; set; }
    public string LaunchType { get; set; } = "EC2";
    public string? CapacityProviderName { get; set; }
    public string? PlatformVersion { get; set; }
    public string LastStatus { get; set; } = "PROVISIONING";
    public string DesiredStatus { get; set; } = "RUNNING";
    public string? StartedBy { get; set; }
    public string Group { get; set; } = "";
    public string? ServiceName { get; set; }
    public string? DeploymentId { get; set; }
    public JsonArray Tags { get; set; } = [];
    public JsonObject Overrides { get; set; } = [];
    public JsonObject? NetworkConfiguration { get; set; }
    public bool Awsvpc { get; set; }
    public int Cpu { get; set; }
    public int Memory { get; set; }
    public List<int> HostPorts { get; set; } = [];
    public List<ContainerRec> Containers { get; set; } = [];
    public string AvailabilityZone { get; set; } = "";
    public string? PrivateIp { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PullStartedAt { get; set; }
    public DateTimeOffset? PullStoppedAt { get; set; }
    public DateTimeOffset? ConnectivityAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? StoppingAt { get; set; }
    public DateTimeOffset? ExecutionStoppedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public string? StopCode { get; set; }
    public string? StoppedReason { get; set; }
    public string? HealthStatus { get; set; }
    public long Version { get; set; } = 1;
    public WorkloadBehavior Workload { get; set; } = new();
    /// <summary>When the next lifecycle transition (or the purge of a STOPPED task) is due.</summary>
    public DateTimeOffset? NextAt { get; set; }
    /// <summary>True once the image pull finished and containers started in their dependency order.</summary>
    public bool ContainersStarted { get; set; }
    /// <summary>True when the stop was not asked for (crash, exit, failed start): counts as a failure for services.</summary>
    public bool Failed { get; set; }
    public bool EverHealthy { get; set; }
}

internal sealed class InstanceRec
{
    public string Id { get; set; } = "";
    public string Arn { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string Ec2InstanceId { get; set; } = "";
    public string InstanceType { get; set; } = "";
    public string AvailabilityZone { get; set; } = "";
    public int Cpu { get; set; }
    public int Memory { get; set; }
    public string Status { get; set; } = "ACTIVE";
    public DateTimeOffset RegisteredAt { get; set; }
    public JsonArray Tags { get; set; } = [];
    public string? GroupName { get; set; }
    public long Version { get; set; } = 1;
    /// <summary>GPUs the agent registered.</summary>
    public int Gpus { get; set; }
    /// <summary>The AMI's operating system family as task definitions name it: LINUX or WINDOWS_SERVER_2022_CORE etc.</summary>
    public string OsFamily { get; set; } = "LINUX";
    /// <summary>x86_64 or arm64.</summary>
    public string Architecture { get; set; } = "x86_64";
    /// <summary>An ECS Anywhere (EXTERNAL) instance rather than an EC2 one.</summary>
    public bool External { get; set; }

    [JsonIgnore] public HashSet<TaskRec> Tasks { get; } = [];
    [JsonIgnore] public int UsedCpu { get; set; }
    [JsonIgnore] public int UsedMemory { get; set; }
    [JsonIgnore] public HashSet<int> UsedPorts { get; } = [];
}

internal sealed class AsgRec
{
    public string Name { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string InstanceType { get; set; } = "";
    public int MinSize { get; set; }
    public int MaxSize { get; set; }
    public int DesiredCapacity { get; set; }
    public List<string> AvailabilityZones { get; set; } = [];
    public List<AsgInstanceRec> Instances { get; set; } = [];
    public DateTimeOffset? NextAt { get; set; }
}

internal sealed class AsgInstanceRec
{
    public string InstanceId { get; set; } = "";
    public string AvailabilityZone { get; set; } = "";
    public string LifecycleState { get; set; } = "Pending";
    public string HealthStatus { get; set; } = "Healthy";
    public bool ProtectedFromScaleIn { get; set; }
    public DateTimeOffset LaunchedAt { get; set; }
    public DateTimeOffset? ReadyAt { get; set; }
    public DateTimeOffset? TerminatedAt { get; set; }
    public string? ContainerInstanceId { get; set; }
}

internal sealed class AlarmRec
{
    public string Name { get; set; } = "";
    public string State { get; set; } = "INSUFFICIENT_DATA";
    public string? Reason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
