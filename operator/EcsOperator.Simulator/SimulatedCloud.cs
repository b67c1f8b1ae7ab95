using EcsOperator.Core.Aws;
using EcsOperator.Core.State;
using EcsOperator.Simulator.Alarms;
using EcsOperator.Simulator.Api;
using EcsOperator.Simulator.AutoScaling;
using EcsOperator.Simulator.Ecs;
using EcsOperator.Simulator.Engine;
using EcsOperator.Simulator.Logs;
using EcsOperator.Simulator.Persistence;
using EcsOperator.Simulator.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Simulator;

/// <summary>
/// One simulated AWS account and region: ECS, EC2 Auto Scaling, CloudWatch alarms and CloudWatch Logs behind the
/// operator's ports. Time comes only from the <see cref="TimeProvider"/>: state advances on every API call and on
/// <see cref="Advance"/>. With <see cref="SimulatorOptions.StateDirectory"/> set, state is saved there (atomic rename)
/// and reloaded by the next instance, and container logs are written for <see cref="SimulatedLogsReader"/>. A mutating
/// ECS call is answered only after the save that holds its effect (<see cref="SimulatorOptions.WriteThrough"/>); other
/// changes (time passing, control calls, Auto Scaling) are saved debounced.
/// </summary>
public sealed class SimulatedCloud : IDisposable
{
    private readonly SimWorld _world;
    private readonly ApiGuard _guard;
    private readonly EcsSimulator _ecs;
    private readonly string? _directory;
    private readonly ILogger _logger;
    private ITimer? _saveTimer;
    private int _saveScheduled;
    private TimeSpan _lastSaveDuration;
    private readonly SemaphoreSlim _commit = new(1, 1);
    private long _savedChange;
    private bool _disposed;

    public SimulatedCloud(SimulatorOptions options, TimeProvider time)
        : this(options, time, null)
    {
    }

    public SimulatedCloud(SimulatorOptions options, TimeProvider time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Options = options.Clone();
        Time = time;
        _directory = Options.StateDirectory;
        _logger = logger ?? NullLogger.Instance;
        var state = _directory is null ? new SimState() : StateFile.Load(_directory, (path, backup) => Log.StateCorrupt(_logger, path, backup));
        if (_directory is not null && state.Clusters.Count > 0)
        {
            Log.StateLoaded(_logger, _directory, state.Clusters.Count,
                state.Clusters.Values.Sum(c => c.Services.Count), state.Clusters.Values.Sum(c => c.Tasks.Count));
        }
        _world = new SimWorld(Options, time, state, new LogStore(_directory));
        _guard = new ApiGuard(Options, time);
        _ecs = new EcsSimulator(_world, _guard);
        Ecs = _directory is not null && Options.WriteThrough ? new WriteThroughEcsApi(_ecs, CommitAsync) : _ecs;
        AutoScaling = new SimulatedAutoScalingApi(_world, _guard);
        Alarms = new SimulatedAlarmApi(_world, _guard, _directory);
        Logs = new SimulatedLogsApi(_world, _guard);
        Control = new SimulatorControl(_world, _guard, this);
        _savedChange = _world.ChangeCount;
        _world.OnChanged = RequestSave;
        lock (_world.Gate) _world.Advance();
    }

    /// <summary>
    /// The simulated cloud of <c>ecs-operator local</c>: persisted under <see cref="StatePaths.Simulator"/>, real-time
    /// task timings, ECS's throttles, and the <c>default</c> cluster (3 instances of <paramref name="instanceType"/>
    /// in the Auto Scaling group <c>default-asg</c>, plus Fargate) created on first start.
    /// </summary>
    public static SimulatedCloud ForLocal(StatePaths paths, TimeProvider time, ILogger? logger = null,
        int instanceCount = 3, string instanceType = "m5.large")
    {
        ArgumentNullException.ThrowIfNull(paths);
        var cloud = new SimulatedCloud(new SimulatorOptions { StateDirectory = paths.Simulator }, time, logger);
        cloud.Control.EnsureDefaultCluster(instanceCount, instanceType);
        return cloud;
    }

    public SimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public IEcsApi Ecs { get; }

    public IAutoScalingApi AutoScaling { get; }

    public IAlarmApi Alarms { get; }

    public ILogsApi Logs { get; }

    /// <summary>For tests and local users: clusters, instances, groups, alarms, workloads, faults, throttles.</summary>
    public SimulatorControl Control { get; }

    /// <summary>ECS calls received per action (throttled and failed ones included).</summary>
    public IReadOnlyDictionary<string, long> EcsCallCounts => _ecs.CallCounts;

    /// <summary>Runs every state transition due at the provider's current time.</summary>
    public void Advance()
    {
        List<string>? raised;
        lock (_world.Gate)
        {
            _world.Advance();
            raised = _eventSource?.Scan();
        }
        Control.ReclaimDueSpotInstances();
        if (raised is { Count: > 0 } && _eventSink is { } sink)
        {
            foreach (var e in raised) sink(e);
        }
    }

    private Events.SimEventSource? _eventSource;
    private Action<string>? _eventSink;

    /// <summary>Hands an event raised outside a scan (a Spot warning) to the sink, when events are emitted.</summary>
    internal void Raise(string e) => _eventSink?.Invoke(e);

    /// <summary>From now on, each <see cref="Advance"/> hands <paramref name="sink"/> the EventBridge events (JSON text, as
    /// an SQS target receives them) for the task and alarm state changes since the previous advance.</summary>
    public void EmitEvents(Action<string> sink)
    {
        lock (_world.Gate)
        {
            _eventSink = sink;
            _eventSource = new Events.SimEventSource(_world);
            _eventSource.Scan();
        }
    }

    /// <summary>Writes the state file now (when persistent).</summary>
    public void Flush()
    {
        if (_directory is null) return;
        lock (_world.Gate)
        {
            if (_world.ChangeCount == _savedChange && File.Exists(StateFile.PathIn(_directory))) return;
            var started = Time.GetTimestamp();
            _world.State.SavedAt = _world.Now;
            StateFile.Save(_directory, _world.State);
            Volatile.Write(ref _savedChange, _world.ChangeCount);
            _lastSaveDuration = Time.GetElapsedTime(started);
        }
    }

    /// <summary>
    /// Returns once the state file holds every change made before the call. One save at a time; a caller that waited
    /// behind another's save usually finds its change already written (group commit). A failed save fails the call
    /// with ECS's 500, so a caller is never told of a change that a crash would lose.
    /// </summary>
    private async ValueTask CommitAsync(CancellationToken ct)
    {
        long target;
        lock (_world.Gate) target = _world.ChangeCount;
        if (Volatile.Read(ref _savedChange) >= target) return;
        await _commit.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _savedChange) >= target) return;
            Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.SaveFailed(_logger, e, _directory!);
            throw EcsErrors.Server("The simulator could not save its state: " + e.Message);
        }
        finally
        {
            _commit.Release();
        }
    }

    /// <summary>Called on every change (under the world lock): arms one debounce timer.</summary>
    private void RequestSave()
    {
        if (_directory is null || _disposed || Interlocked.CompareExchange(ref _saveScheduled, 1, 0) != 0) return;
        var previous = Interlocked.Exchange(ref _saveTimer, null);
        previous?.Dispose();
        _saveTimer = Time.CreateTimer(_ =>
        {
            Interlocked.Exchange(ref _saveScheduled, 0);
            if (_disposed) return;
            try
            {
                Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.SaveFailed(_logger, e, _directory);
            }
        }, null, SaveDelay(), Timeout.InfiniteTimeSpan);
    }

    /// <summary>The debounce, stretched for big states so saving never takes more than a tenth of the time.</summary>
    private TimeSpan SaveDelay()
    {
        var adaptive = _lastSaveDuration * 10;
        return adaptive > Options.PersistDebounce ? adaptive : Options.PersistDebounce;
    }

    public void Dispose()
    {
        if (_disposed) return;
        Interlocked.Exchange(ref _saveTimer, null)?.Dispose();
        Flush();
        _disposed = true;
        _commit.Dispose();
    }
}
