using EcsOperator.Core.Aws;
using EcsOperator.Simulator.Api;
using EcsOperator.Simulator.Ecs;
using EcsOperator.Simulator.Engine;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator;

/// <summary>
/// What tests and local users do to the simulated cloud that the operator's ports cannot: create clusters, container
/// instances and Auto Scaling groups, set alarm states, decide how workloads behave, inject faults, tune throttles.
/// Every method runs due transitions first, like an API call.
/// </summary>
public sealed partial class SimulatorControl
{
    private readonly SimWorld _world;
    private readonly ApiGuard _guard;
    private readonly SimulatedCloud _cloud;

    internal SimulatorControl(SimWorld world, ApiGuard guard, SimulatedCloud cloud)
    {
        _world = world;
        _guard = guard;
        _cloud = cloud;
    }

    private T Locked<T>(Func<T> body)
    {
        lock (_world.Gate)
        {
            _world.Advance();
            var result = body();
            _world.Settle();
            return result;
        }
    }

    private void Locked(Action body) => Locked(() => { body(); return 0; });

    private ClusterRec RequireCluster(string cluster) => _world.FindCluster(cluster) ?? throw EcsErrors.ClusterNotFound();

    /// <summary>Creates the cluster (idempotent) and returns its ARN.</summary>
    public string CreateCluster(string name) => Locked(() => _world.CreateCluster(name, null).Arn);

    /// <summary>
    /// The cluster <c>ecs-operator local</c> starts with: <paramref name="name"/> (default <c>default</c>), backed by an
    /// Auto Scaling group <c>&lt;name&gt;-asg</c> whose <paramref name="instanceCount"/> instances are already registered.
    /// Fargate needs no instances. Does nothing when the cluster already exists (e.g. reloaded from the state dir).
    /// </summary>
    public string EnsureDefaultCluster(int instanceCount = 3, string instanceType = "m5.large", string name = "default", int maxInstances = 10) =>
        Locked(() =>
        {
            if (_world.FindCluster(name) is { } existing) return existing.Arn;
            var c = _world.CreateCluster(name, null);
            var group = name + "-asg";
            if (!_world.State.Groups.ContainsKey(group))
                _world.CreateGroup(group, name, instanceType, 0, Math.Max(maxInstances, instanceCount), instanceCount, null, immediate: true);
            return c.Arn;
        });

    /// <summary>Registers a container instance of the type's resources (GPUs and CPU architecture included); returns its ARN.</summary>
    /// <param name="osFamily">The AMI's operating system as task definitions name it: LINUX, WINDOWS_SERVER_2022_CORE, ...</param>
    /// <param name="external">An ECS Anywhere instance, which only EXTERNAL launches use.</param>
    public string RegisterContainerInstance(string cluster, string instanceType = "m5.large", string? availabilityZone = null,
        string osFamily = "LINUX", bool external = false) =>
        Locked(() =>
        {
            var c = RequireCluster(cluster);
            var zone = availabilityZone ?? _world.Options.Region + "abc"[c.Instances.Count % 3];
            return _world.RegisterInstance(c, instanceType, zone, null, null, null, osFamily, external).Arn;
        });

    /// <summary>The instance disappears (as if its EC2 instance was terminated): its tasks stop.</summary>
    public void DeregisterContainerInstance(string cluster, string containerInstance) =>
        Locked(() =>
        {
            var c = RequireCluster(cluster);
            if (c.Instances.TryGetValue(Arns.LastSegment(containerInstance), out var i))
                _world.DeregisterInstance(c, i, $"Host EC2 (instance {i.Ec2InstanceId}) terminated.");
        });

    /// <summary>Creates an Auto Scaling group whose instances register into <paramref name="cluster"/>.</summary>
    /// <param name="launchImmediately">True: the initial instances are InService at once (no launch delay).</param>
    public void CreateAutoScalingGroup(string name, string cluster, int minSize, int maxSize, int desiredCapacity,
        string instanceType = "m5.large", IReadOnlyList<string>? availabilityZones = null, bool launchImmediately = false) =>
        Locked(() => { _world.CreateGroup(name, cluster, instanceType, minSize, maxSize, desiredCapacity, availabilityZones, launchImmediately); });

    /// <summary>Sets (creating when needed) an alarm's state: OK, ALARM or INSUFFICIENT_DATA.</summary>
    public void SetAlarmState(string alarmName, string state, string? reason = null)
    {
        if (state is not ("OK" or "ALARM" or "INSUFFICIENT_DATA"))
            throw new AwsApiException(AwsErrorKind.InvalidParameter, "InvalidParameterValue", $"Invalid alarm state '{state}'.");
        Locked(() => _world.SetAlarm(alarmName, state, reason));
    }

    public void DeleteAlarm(string alarmName) => Locked(() => { if (_world.State.Alarms.Remove(alarmName)) _world.Changed(); });

    /// <summary>Appends lines to a log stream (creating group and stream), as a container or a user would.</summary>
    public void PutLogEvents(string logGroupName, string logStreamName, IEnumerable<string> messages) =>
        Locked(() =>
        {
            var at = _world.Now;
            _world.Logs.Append(logGroupName, logStreamName, messages.Select((m, i) => new LogEvent(at.AddMilliseconds(i), m)).ToList());
        });

    /// <summary>Every new task of the family (<c>web</c>) or of one revision (<c>web:2</c>, which wins over the family)
    /// behaves like this (null clears). Wins over tags.</summary>
    public void SetFamilyWorkload(string family, WorkloadBehavior? behavior) =>
        Locked(() =>
        {
            if (behavior is null) _world.State.FamilyWorkloads.Remove(family);
            else _world.State.FamilyWorkloads[family] = behavior;
            _world.Changed();
        });

    /// <summary>Changes what a live task does from now on (e.g. exit now with a code, run forever, crash).</summary>
    public void SetTaskWorkload(string cluster, string task, WorkloadBehavior behavior) =>
        Locked(() =>
        {
            var c = RequireCluster(cluster);
            if (!c.Tasks.TryGetValue(Arns.LastSegment(task), out var t)) throw EcsErrors.InvalidParameter("The referenced task was not found.");
            _world.SetTaskWorkload(c, t, behavior);
        });

    /// <summary>The task's main container exits now with <paramref name="exitCode"/> (a crash when it belongs to a service).</summary>
    public void ExitTask(string cluster, string task, int exitCode) =>
        SetTaskWorkload(cluster, task, new WorkloadBehavior { ExitCode = exitCode, RunFor = TimeSpan.Zero, RunForever = false });
}
