using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Capacity;

/// <summary>
/// Sizes a CapacityPool's Auto Scaling group to its tasks with <see cref="CapacityPlanner"/>. Drains are level-triggered:
/// the instances this pool drains are kept in status (written before the drain call), so a restart resumes them.
/// </summary>
public sealed partial class CapacityPoolReconciler(IResourceStore store, IEventStore events, IEcsApi ecs, IAutoScalingApi autoScaling,
    ScalePolicyCatalog policies, ServiceSnapshotCache services, ScalingOptions options, TimeProvider time, ILogger<CapacityPoolReconciler> logger) : IReconciler
{
    private readonly PoolDemandReader demand = new(store, policies, services, ecs);
    private readonly StatusWriter statusWriter = new(store);
    private readonly EventRecorder recorder = new(events, time);

    public ResourceKind Kind => ResourceKind.CapacityPool;

    /// <summary>Stretches the idle pass while AWS events flow: placement failures, Spot warnings and lifecycle actions
    /// wake the pool at once. A pool with instances launching or draining keeps its busy interval.</summary>
    public Events.PollPacing Pacing { get; init; } = Events.PollPacing.Usual;

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct)
    {
        var item = await store.GetAsync(key, ct);
        if (item is null) return ReconcileResult.Done; // the group is left as it is
        var spec = ManifestLoader.Load<CapacityPoolSpec>(item).Spec;
        var now = time.GetUtcNow();
        var old = StatusWriter.Read<CapacityPoolStatus>(item) ?? new CapacityPoolStatus();

        var group = (await autoScaling.DescribeAutoScalingGroupsAsync([spec.AutoScalingGroupName], ct))
            .FirstOrDefault(g => g.Name == spec.AutoScalingGroupName);
        if (group is null)
        {
            Log.GroupNotFound(logger, spec.AutoScalingGroupName);
            await statusWriter.WriteAsync(item, old with
            {
                ObservedGeneration = item.Generation,
                Ready = false,
                Conditions = old.Conditions.Set(ConditionTypes.Ready, false, "GroupNotFound", $"Auto Scaling group {spec.AutoScalingGroupName} does not exist", now),
            }, ct);
            return ReconcileResult.After(options.PoolPassInterval);
        }

        var instances = await ReadInstancesAsync(spec.Cluster, group, old.FirstSeen, now, ct);
        var need = await demand.ReadAsync(key.Name, key.Namespace, spec, ct);
        // An ignored desired capacity belongs to another owner: neither raised (SetDesiredCapacity) nor lowered (scale-in
        // terminates with decrement). The plan is still worked out and reported.
        var capacityIgnored = IgnoreRules.IgnoresRoot(IgnoreRules.ParseAll(spec.IgnoreDifferences, IgnoreRules.PoolRoots), "desiredCapacity");
        var input = new CapacityInput(instances, need.Tasks, spec.Buffer, group.MinSize, group.MaxSize, group.DesiredCapacity,
            spec.ScaleIn == ScaleInPolicy.Enabled && !capacityIgnored,
            spec.DrainTimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : options.DefaultDrainTimeout,
            options.RegistrationGrace, [.. old.Draining.Select(d => new DrainingInstance(d.InstanceId, d.Since))], now, need.DaemonReservation);
        var plan = CapacityPlanner.Plan(input);
        if (capacityIgnored) plan = plan with { TargetCapacity = null };

        var status = WithPlan(old, plan, input, instances, need.PlannedFor, now) with
        {
            ObservedGeneration = item.Generation,
            DesiredCapacityIgnored = capacityIgnored ? true : null,
            SpotDrains = await SpotDrainsAsync(key, now, ct),
        };
        await statusWriter.WriteAsync(item, status, ct); // drains are on record before they start
        await ApplyAsync(key, spec, plan, instances, ct);

        var busy = plan.HasActions || plan.Draining.Count > 0 || !plan.Ready || plan.Unregistered.Count > 0;
        return ReconcileResult.After(busy ? options.PoolBusyInterval : Pacing.For(options.PoolPassInterval));
    }

    /// <summary>The pool's recent Spot drains as its SpotDrain events tell them (the drainer records an event; this pass,
    /// the pool's one status writer, reports them). Null when there were none in the last day.</summary>
    private async Task<IReadOnlyList<SpotDrainStatus>?> SpotDrainsAsync(ResourceKey key, DateTimeOffset now, CancellationToken ct)
    {
        var drains = (await events.ListAsync(key, ct))
            .Where(e => e.Reason == Events.SpotDrainer.Reason && now - e.LastTimestamp < TimeSpan.FromDays(1))
            .Select(e => (Id: Events.SpotDrainer.InstanceOf(e.Message), e.Message, e.LastTimestamp))
            .Where(d => d.Id is not null)
            .OrderByDescending(d => d.LastTimestamp)
            .Take(20)
            .Select(d => new SpotDrainStatus
            {
                InstanceId = d.Id!,
                Warning = d.Message.StartsWith("rebalance", StringComparison.Ordinal) ? "RebalanceRecommendation" : "SpotInterruption",
                At = d.LastTimestamp,
            })
            .ToArray();
        return drains.Length == 0 ? null : drains;
    }

    private async Task<List<PoolInstance>> ReadInstancesAsync(string cluster, AutoScalingGroup group,
        IReadOnlyDictionary<string, DateTimeOffset> firstSeen, DateTimeOffset now, CancellationToken ct)
    {
        var arns = await ecs.ListContainerInstancesAsync(cluster, null, ct);
        var described = arns.Count == 0 ? [] : await ecs.DescribeContainerInstancesAsync(cluster, arns, ct);
        var byEc2 = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var ci in described)
        {
            if (ci.Str("ec2InstanceId") is { } id && ci.Str("status") is not ("INACTIVE" or "DEREGISTERING")) byEc2[id] = ci;
        }
        return group.Instances.Select(i =>
        {
            byEc2.TryGetValue(i.InstanceId, out var ci);
            return new PoolInstance(i.InstanceId, i.AvailabilityZone, i.LifecycleState, i.ProtectedFromScaleIn,
                ci.Str("containerInstanceArn"), ci.Str("status"), ci is null ? null : Registered(ci),
                (ci.Int("runningTasksCount") ?? 0) + (ci.Int("pendingTasksCount") ?? 0),
                firstSeen.GetValueOrDefault(i.InstanceId, now));
        }).ToList();
    }

    private static TaskSize Registered(JsonObject ci)
    {
        var res = ci.Arr("registeredResources").Objects().ToList();
        int Value(string name) => res.FirstOrDefault(r => r.Str("name") == name).Int("integerValue") ?? 0;
        return new TaskSize(Value("CPU"), Value("MEMORY"));
    }
}
