using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Capacity;

/// <summary>What must fit on a pool's cluster: each EC2 App's wanted count (the larger of its live desired count and what
/// its ScalePolicy wants), daemon services as a per-instance reservation, and every running task no App service owns
/// (Jobs, one-off tasks, foreign services).</summary>
internal sealed class PoolDemandReader(IResourceStore store, ScalePolicyCatalog policies, ServiceSnapshotCache services, IEcsApi ecs)
{
    public sealed record Demand(List<TaskDemand> Tasks, TaskSize? DaemonReservation, Dictionary<string, int> PlannedFor);

    public async Task<Demand> ReadAsync(string poolName, string poolNamespace, CapacityPoolSpec pool, CancellationToken ct)
    {
        var tasks = new List<TaskDemand>();
        var planned = new Dictionary<string, int>(StringComparer.Ordinal);
        var daemon = new TaskSize(0, 0);
        var live = (await services.ListServicesAsync(pool.Cluster, ct)).ToList();
        var ownedServices = new HashSet<string>(StringComparer.Ordinal);
        // Two policies on one App is a conflict the policies report; here the larger wish counts.
        var wanted = (await policies.ListAsync(ct, fromStore: true)).GroupBy(e => e.AppKey)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.WantedCount)!);

        foreach (var app in await store.ListAsync(ResourceKind.App, null, ct))
        {
            if (!ManifestLoader.TryLoad<AppSpec>(app, out var loaded, out _) || loaded.Spec is not { } spec || spec.Cluster != pool.Cluster) continue;
            var service = live.FirstOrDefault(s => OperatorTags.OwnerOf(s) == app.Key.Pk);
            if (service?.Str("serviceName") is { } name) ownedServices.Add(name);
            if (TaskSizes.IsFargate(spec.Service, spec.TaskDefinition)) continue;
            var size = TaskSizes.Of(spec.TaskDefinition);
            if (string.Equals(service.Str("schedulingStrategy") ?? spec.Service.Str("schedulingStrategy"), "DAEMON", StringComparison.OrdinalIgnoreCase))
            {
                if (size is { } d) daemon = new TaskSize(daemon.Cpu + d.Cpu, daemon.Memory + d.Memory);
                continue;
            }
            var count = service.Int("desiredCount") ?? spec.Replicas ?? 1;
            double? requiredCapacity = null;
            if (wanted.TryGetValue(app.Key, out var policy))
            {
                count = Math.Max(count, policy.WantedCount);
                if (policy.Spec.CapacityPoolRef == poolName && policy.Key.Namespace == poolNamespace) requiredCapacity = policy.Spec.RequiredCapacity;
            }
            planned[app.Key.Pk] = count;
            tasks.Add(new TaskDemand(app.Key.Pk, count, size, requiredCapacity));
        }

        var running = await ecs.ListTasksAsync(pool.Cluster, ct, desiredStatus: "RUNNING");
        if (running.Count > 0)
        {
            var (described, _) = await ecs.DescribeTasksAsync(pool.Cluster, running, ct);
            foreach (var t in described)
            {
                var group = t.Str("group") ?? "";
                if (group.StartsWith("service:", StringComparison.Ordinal) && ownedServices.Contains(group["service:".Length..])) continue;
                if (string.Equals(t.Str("launchType"), "FARGATE", StringComparison.OrdinalIgnoreCase) || t.Str("containerInstanceArn") is null) continue;
                tasks.Add(new TaskDemand("task " + (t.Str("taskArn") ?? "?"), 1, TaskSizes.Of(t)));
            }
        }
        return new Demand(tasks, daemon.Cpu == 0 && daemon.Memory == 0 ? null : daemon, planned);
    }
}
