using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;

namespace EcsOperator.Core.Events;

/// <summary>
/// Turns one AWS event into the keys it concerns, enqueued at high priority, and into cache updates where the event
/// carries enough. Reconciles stay level-triggered: they read desired and live state as always, and an event only makes
/// them run sooner (and, for a task or an alarm, lets them read the event's newer view from the shared cache instead of
/// waiting for the next poll). Every lookup here is in memory; nothing reads AWS, except a Spot interruption warning,
/// which <see cref="SpotDrainer"/> acts on at once.
/// </summary>
public sealed class EventRouter(
    Action<ResourceKey> enqueue, ResourceInformer informer, JobTaskTracker? tasks, AlarmStateCache? alarms, ScalePolicyCatalog? policies,
    IReadOnlyList<ServiceSnapshotCache> services, SpotDrainer? spot = null)
{
    /// <summary>Applies <paramref name="e"/>; returns the keys enqueued.</summary>
    public async Task<IReadOnlyList<ResourceKey>> RouteAsync(AwsEvent e, CancellationToken ct)
    {
        var keys = e switch
        {
            TaskStateChanged t => Task(t),
            ServiceChanged s => Service(s),
            AlarmStateChanged a => await AlarmAsync(a, ct),
            InstanceWarning w when spot is not null => await SpotAsync(w, ct),
            InstanceWarning or LifecycleAction => Pools(),
            _ => [],
        };
        foreach (var key in keys) enqueue(key);
        return keys;
    }

    /// <summary>The ECS Service Action event name for tasks that could not be placed for want of resources.</summary>
    public const string PlacementFailure = "SERVICE_TASK_PLACEMENT_FAILURE";

    private List<ResourceKey> Pools() => [.. informer.List(ResourceKind.CapacityPool).Select(p => p.Key)];

    private IEnumerable<ResourceKey> PoolsOf(IReadOnlyCollection<string> clusters) =>
        informer.List(ResourceKind.CapacityPool)
            .Where(p => Controller.ManifestLoader.TryLoad<Model.CapacityPoolSpec>(p, out var loaded, out _) && clusters.Contains(loaded.Spec.Cluster))
            .Select(p => p.Key);

    /// <summary>The one place that acts rather than enqueues: a Spot instance is gone two minutes after its warning,
    /// too soon to wait for a pool pass (a rebalance recommendation is acted on as the pool's spec says).</summary>
    private async Task<List<ResourceKey>> SpotAsync(InstanceWarning w, CancellationToken ct) =>
        await spot!.DrainAsync(w, ct) is { } pool ? [pool] : Pools();

    private List<ResourceKey> Task(TaskStateChanged t)
    {
        var keys = new List<ResourceKey>();
        if (t.ServiceName is { } service)
        {
            keys.AddRange(AppsOf(t.Cluster, service));
            return keys;
        }
        if (tasks is not null)
        {
            foreach (var cluster in TrackerClusters(t.Cluster))
            {
                if (tasks.ObserveEvent(cluster, t.Task) is { } owner) keys.Add(owner);
            }
        }
        if (keys.Count == 0) keys.AddRange(JobsRunning(t.TaskArn, t.StartedBy));
        return [.. keys.Distinct()];
    }

    private List<ResourceKey> Service(ServiceChanged s)
    {
        var clusters = s.Cluster is { } c ? [c] : services.SelectMany(x => x.KnownClusters).Distinct(StringComparer.Ordinal).ToList();
        // the event says the service moved on: the next read describes it afresh instead of trusting the snapshot
        foreach (var cache in services)
        {
            foreach (var cluster in clusters) cache.Invalidate(cluster, s.ServiceName);
        }
        var keys = clusters.SelectMany(cluster => AppsOf(cluster, s.ServiceName)).ToList();
        // tasks that found no room: the pools of the cluster look now instead of at their next (stretched) pass
        if (s.EventName == PlacementFailure) keys.AddRange(PoolsOf(clusters));
        return [.. keys.Distinct()];
    }

    private async Task<List<ResourceKey>> AlarmAsync(AlarmStateChanged a, CancellationToken ct)
    {
        alarms?.Observe(a.AlarmName, a.State, a.StateTimestamp);
        if (policies is null) return [];
        var all = await policies.ListRecentAsync(ct);
        return [.. all.Where(p => p.Spec.UpscaleTriggers.Concat(p.Spec.DownscaleTriggers).Any(tr => tr.AlarmName == a.AlarmName)).Select(p => p.Key)];
    }

    /// <summary>The Apps owning the service: by its owner tag as last seen, else the App named like the service.</summary>
    private IEnumerable<ResourceKey> AppsOf(string cluster, string serviceName)
    {
        foreach (var cache in services)
        {
            if (cache.Peek(cluster, serviceName) is { } live && ResourceKey.TryParse(OperatorTags.OwnerOf(live), out var owner) && owner.Kind == ResourceKind.App)
                return [owner];
        }
        return informer.List(ResourceKind.App).Where(a => a.Key.Name == serviceName).Select(a => a.Key).ToList();
    }

    /// <summary>Jobs whose status names the task or the run's startedBy (a task launched before this process started).</summary>
    private List<ResourceKey> JobsRunning(string taskArn, string? startedBy) =>
        [.. informer.List(ResourceKind.Job).Where(j =>
            j.Status.Arr("taskArns").Strings().Contains(taskArn)
            || startedBy is not null && j.Status.Arr("runs").Objects().Any(r => r.Str("startedBy") == startedBy)).Select(j => j.Key)];

    private IEnumerable<string> TrackerClusters(string clusterName) =>
        tasks!.KnownClusters.Where(c => c == clusterName || AwsEventParser.ClusterName(c) == clusterName).DefaultIfEmpty(clusterName);
}
