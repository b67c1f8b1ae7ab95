using EcsOperator.Simulator.Logs;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>
/// The simulation: state plus a discrete-event queue. Every API call first brings the world to the provider's
/// current time (<see cref="Advance"/>), running due transitions in time order, so a fake clock that jumps ten
/// minutes replays those ten minutes exactly. Callers hold <see cref="Gate"/>.
/// </summary>
internal sealed partial class SimWorld
{
    private enum WakeKind { Task, Service, Group }

    private readonly record struct Wakeup(WakeKind Kind, string Cluster, string Key);

    private readonly PriorityQueue<Wakeup, DateTimeOffset> _queue = new();
    private readonly HashSet<ServiceRec> _dirty = [];
    private readonly List<ServiceRec> _settling = [];

    public SimWorld(SimulatorOptions options, TimeProvider time, SimState state, LogStore logs)
    {
        Options = options;
        Time = time;
        State = state;
        Logs = logs;
        Arns = new Arns(options.Region, options.AccountId);
        Random = new Random(options.RandomSeed);
        Now = state.SavedAt > time.GetUtcNow() ? state.SavedAt : time.GetUtcNow();
        RebuildIndexes();
    }

    public object Gate { get; } = new();

    public SimulatorOptions Options { get; }

    public TaskTimings Timings => Options.Timings;

    public TimeProvider Time { get; }

    public SimState State { get; }

    public LogStore Logs { get; }

    public Arns Arns { get; }

    public Random Random { get; }

    /// <summary>The simulation's clock: the time of the transition being processed, or of the current call.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Incremented on every change; the persister watches it.</summary>
    public long ChangeCount { get; private set; }

    /// <summary>Called after each change (under <see cref="Gate"/>); must be cheap.</summary>
    public Action? OnChanged { get; set; }

    public void Changed()
    {
        ChangeCount++;
        OnChanged?.Invoke();
    }

    /// <summary>Runs every transition due up to the provider's current time, in time order.</summary>
    public void Advance()
    {
        var target = Time.GetUtcNow();
        if (target < Now) target = Now;
        while (true)
        {
            SettleServices();
            if (!_queue.TryPeek(out var wake, out var due) || due > target) break;
            _queue.Dequeue();
            if (due > Now) Now = due;
            Handle(wake, due);
        }
        Now = target;
    }

    /// <summary>Reconciles services touched by the last change (call after a mutation, at <see cref="Now"/>).</summary>
    public void Settle() => Advance();

    public void MarkDirty(ServiceRec service) => _dirty.Add(service);

    public void Schedule(TaskRec task, DateTimeOffset at)
    {
        task.NextAt = at;
        _queue.Enqueue(new Wakeup(WakeKind.Task, task.Cluster, task.Id), at);
    }

    public void Schedule(ServiceRec service, DateTimeOffset at)
    {
        if (service.NextAt is { } existing && existing <= at && existing >= Now) return;
        service.NextAt = at;
        _queue.Enqueue(new Wakeup(WakeKind.Service, service.Cluster, service.Name), at);
    }

    public void Schedule(AsgRec group, DateTimeOffset at)
    {
        if (group.NextAt is { } existing && existing <= at && existing >= Now) return;
        group.NextAt = at;
        _queue.Enqueue(new Wakeup(WakeKind.Group, "", group.Name), at);
    }

    private void Handle(Wakeup wake, DateTimeOffset due)
    {
        switch (wake.Kind)
        {
            case WakeKind.Task:
                if (State.Clusters.TryGetValue(wake.Cluster, out var c) && c.Tasks.TryGetValue(wake.Key, out var task) && task.NextAt == due)
                {
                    task.NextAt = null;
                    StepTask(c, task);
                    Changed();
                }
                break;
            case WakeKind.Service:
                if (State.Clusters.TryGetValue(wake.Cluster, out var sc) && sc.Services.TryGetValue(wake.Key, out var svc) && svc.NextAt == due)
                {
                    svc.NextAt = null;
                    if (svc.Status == "INACTIVE") PurgeService(sc, svc);
                    else MarkDirty(svc);
                    Changed();
                }
                break;
            case WakeKind.Group:
                if (State.Groups.TryGetValue(wake.Key, out var g) && g.NextAt == due)
                {
                    g.NextAt = null;
                    StepGroup(g);
                    Changed();
                }
                break;
        }
    }

    private void SettleServices()
    {
        for (var round = 0; round < 20 && _dirty.Count > 0; round++)
        {
            _settling.Clear();
            _settling.AddRange(_dirty);
            _dirty.Clear();
            foreach (var s in _settling)
            {
                if (State.Clusters.TryGetValue(s.Cluster, out var c) && c.Services.TryGetValue(s.Name, out var live) && ReferenceEquals(live, s))
                    ReconcileService(c, s);
            }
        }
        _dirty.Clear();
    }

    public ClusterRec? FindCluster(string? nameOrArn)
    {
        var name = string.IsNullOrEmpty(nameOrArn) ? "default" : Arns.LastSegment(nameOrArn);
        return State.Clusters.TryGetValue(name, out var c) && c.Status == "ACTIVE" ? c : null;
    }

    public static string NewId() => Guid.NewGuid().ToString("N");

    private void RebuildIndexes()
    {
        foreach (var c in State.Clusters.Values)
        {
            foreach (var i in c.Instances.Values)
            {
                c.InstanceArns.Add(i.Arn);
            }
            foreach (var s in c.Services.Values)
            {
                if (s.Status != "INACTIVE") c.ListedServiceArns.Add(s.Arn);
                if (s.NextAt is { } at) _queue.Enqueue(new Wakeup(WakeKind.Service, c.Name, s.Name), at);
                if (s.Status != "INACTIVE") _dirty.Add(s);
            }
            foreach (var t in c.Tasks.Values)
            {
                IndexTask(c, t);
                if (t.LastStatus != "STOPPED" && t.InstanceId is { } iid && c.Instances.TryGetValue(iid, out var inst)) Reserve(inst, t);
                if (t.ServiceName is { } sn && c.Services.TryGetValue(sn, out var svc))
                {
                    if (t.DesiredStatus == "RUNNING") svc.LiveTasks.Add(t);
                    if (t.LastStatus != "STOPPED") svc.UnstoppedTasks.Add(t);
                }
                if (t.NextAt is { } at) _queue.Enqueue(new Wakeup(WakeKind.Task, c.Name, t.Id), at);
            }
        }
        foreach (var g in State.Groups.Values)
        {
            if (g.NextAt is { } at) _queue.Enqueue(new Wakeup(WakeKind.Group, "", g.Name), at);
        }
    }

    private static void IndexTask(ClusterRec c, TaskRec t)
    {
        c.TaskArns.Add(t.Arn);
        if (t.StartedBy is { } by)
        {
            if (!c.TasksByStartedBy.TryGetValue(by, out var set)) c.TasksByStartedBy[by] = set = [];
            set.Add(t);
        }
    }

    private static void UnindexTask(ClusterRec c, TaskRec t)
    {
        c.TaskArns.Remove(t.Arn);
        if (t.StartedBy is { } by && c.TasksByStartedBy.TryGetValue(by, out var set))
        {
            set.Remove(t);
            if (set.Count == 0) c.TasksByStartedBy.Remove(by);
        }
    }
}
