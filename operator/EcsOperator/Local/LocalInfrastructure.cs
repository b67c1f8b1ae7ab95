using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.Simulator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Local;

/// <summary>
/// Local mode only: the simulated account has what the documents name, the way a real account would have been set
/// up beforehand. A CapacityPool's Auto Scaling group (max 10, instances registering into the pool's cluster; three in service at
/// once when its cluster has no other instances, else empty),
/// the alarms ScalePolicies watch (state OK; set them in <c>&lt;state dir&gt;/simulator/alarms.json</c>) and the
/// clusters Apps, Jobs and CronJobs name are created when absent. A cluster no CapacityPool sizes gets the instances
/// the <c>default</c> cluster starts with (a group <c>&lt;cluster&gt;-asg</c> of registered instances); a pool's cluster
/// gets its instances from the pool. Existing clusters, groups and alarms are never changed; against AWS nothing like
/// this runs (a missing cluster stays a condition on the App or Job until other tooling creates it).
/// </summary>
internal sealed partial class LocalInfrastructure(SimulatedCloud cloud, IResourceStore store, TimeProvider time, ILogger<LocalInfrastructure> logger)
    : BackgroundService
{
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await EnsureAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Instances a pool's new group starts with when it is the only source of its cluster's instances.</summary>
    private const int PoolStartingInstances = 3;

    /// <summary>One pass: creates what is missing. Returns what it created (for tests and the log).</summary>
    public async Task<IReadOnlyList<string>> EnsureAsync(CancellationToken ct)
    {
        var created = new List<string>();
        var pools = await SpecsAsync<CapacityPoolSpec>(ResourceKind.CapacityPool, ct);
        foreach (var pool in pools)
        {
            var bare = !await ClusterExistsAsync(pool.Cluster, ct);
            if (bare)
            {
                cloud.Control.CreateCluster(pool.Cluster);
                created.Add($"cluster {pool.Cluster} (instances come from CapacityPool group {pool.AutoScalingGroupName})");
            }
            var groups = await cloud.AutoScaling.DescribeAutoScalingGroupsAsync([pool.AutoScalingGroupName], ct);
            if (groups.Count > 0) continue;
            // A pool's group in a cluster that has no instances yet starts as a production group would be found: with
            // instances already in service, so the cluster's first tasks do not wait out a launch; the pool then sizes it.
            var starting = bare ? PoolStartingInstances : 0;
            cloud.Control.CreateAutoScalingGroup(pool.AutoScalingGroupName, pool.Cluster, minSize: 0, maxSize: 10, desiredCapacity: starting,
                launchImmediately: true);
            created.Add($"Auto Scaling group {pool.AutoScalingGroupName} (cluster {pool.Cluster}, {starting} instance(s) in service)");
        }

        var pooled = pools.Select(p => p.Cluster).ToHashSet(StringComparer.Ordinal);
        foreach (var cluster in (await ClustersNamedAsync(ct)).Where(c => !pooled.Contains(c)))
        {
            if (await ClusterExistsAsync(cluster, ct)) continue;
            cloud.Control.EnsureDefaultCluster(name: cluster);
            created.Add($"cluster {cluster} (with the default instances, Auto Scaling group {cluster}-asg)");
        }

        var alarmNames = (await SpecsAsync<ScalePolicySpec>(ResourceKind.ScalePolicy, ct))
            .SelectMany(p => p.UpscaleTriggers.Concat(p.DownscaleTriggers))
            .Select(t => t.AlarmName)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (alarmNames.Count > 0)
        {
            var existing = (await cloud.Alarms.DescribeAlarmsAsync(alarmNames, ct)).Select(a => a.AlarmName).ToHashSet(StringComparer.Ordinal);
            foreach (var name in alarmNames.Where(n => !existing.Contains(n)))
            {
                cloud.Control.SetAlarmState(name, "OK", "created by ecs-operator local for a ScalePolicy trigger");
                created.Add($"alarm {name} (OK)");
            }
        }

        foreach (var what in created) LogCreated(logger, what);
        return created;
    }

    private async Task<bool> ClusterExistsAsync(string cluster, CancellationToken ct)
    {
        var resp = await cloud.Ecs.SendAsync(Core.Aws.EcsAction.DescribeClusters,
            new System.Text.Json.Nodes.JsonObject { ["clusters"] = new System.Text.Json.Nodes.JsonArray(cluster) }, ct);
        return resp["clusters"] is System.Text.Json.Nodes.JsonArray { Count: > 0 } found
            && found[0]?["status"]?.GetValue<string>() == "ACTIVE";
    }

    /// <summary>Clusters the valid Apps, Jobs and CronJobs name (a Job without one runs in its App's cluster).</summary>
    private async Task<IReadOnlyList<string>> ClustersNamedAsync(CancellationToken ct)
    {
        var apps = (await SpecsAsync<AppSpec>(ResourceKind.App, ct)).Select(a => a.Cluster);
        var jobs = (await SpecsAsync<JobSpec>(ResourceKind.Job, ct)).Select(j => j.Cluster);
        var cronJobs = (await SpecsAsync<CronJobSpec>(ResourceKind.CronJob, ct)).Select(c => c.JobTemplate.Spec.Cluster);
        return [.. apps.Concat(jobs).Concat(cronJobs).OfType<string>()
            .Select(c => c.Contains(":cluster/", StringComparison.Ordinal) ? c[(c.LastIndexOf('/') + 1)..] : c)
            .Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Valid documents of a kind; invalid ones are the reconcilers' to report.</summary>
    private async Task<List<T>> SpecsAsync<T>(ResourceKind kind, CancellationToken ct)
    {
        var specs = new List<T>();
        foreach (var item in await store.ListAsync(kind, null, ct))
        {
            var parsed = ManifestParser.ParseSingle(item.Manifest, item.Key.Pk);
            if (parsed.Ok && parsed.Documents.Count == 1) specs.Add(parsed.Documents[0].GetSpec<T>());
        }
        return specs;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "local: created simulated {What}, named by the applied documents")]
    private static partial void LogCreated(ILogger logger, string what);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "local: could not prepare the simulated account: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
