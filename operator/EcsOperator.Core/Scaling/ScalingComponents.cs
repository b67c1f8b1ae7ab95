using EcsOperator.Core.Aws;
using EcsOperator.Core.Capacity;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Scaling;

/// <summary>
/// The ScalePolicy and CapacityPool reconcilers wired with the per-pass caches they share: one alarm snapshot for all
/// policies (DescribeAlarms batched once per pass) and one service snapshot per cluster per pass. Hand
/// <see cref="Reconcilers"/> to the <see cref="ControllerRuntime"/>; pass the runtime's <see cref="ResourceInformer"/> so the
/// per-pass policy listing reads its cache instead of the store. Without an Auto Scaling API there is no CapacityPool
/// reconciler; without an alarm API, alarm triggers report AlarmsUnavailable and hold. With a <see cref="Events.PollPacing"/>
/// fed by the events intake, the passes and both snapshots stretch while AWS events flow.
/// </summary>
public sealed class ScalingComponents
{
    public ScalingComponents(IResourceStore store, IEventStore events, IEcsApi ecs, IAutoScalingApi? autoScaling, IAlarmApi? alarms,
        IQueueDepthReader? queues, ScalingOptions options, TimeProvider time, ILoggerFactory loggers, ResourceInformer? informer = null,
        Events.PollPacing? pacing = null)
    {
        pacing ??= Events.PollPacing.Usual;
        Catalog = new ScalePolicyCatalog(store, informer);
        Alarms = new AlarmStateCache(alarms, Catalog.AlarmNamesAsync, time, options.PolicyPassInterval) { Pacing = pacing };
        Services = new ServiceSnapshotCache(ecs, time, options.PolicyPassInterval) { Pacing = pacing };
        Policies = new ScalePolicyReconciler(store, events, ecs, Alarms, Services, queues, options, time, loggers.CreateLogger<ScalePolicyReconciler>(), Catalog)
        {
            Pacing = pacing,
        };
        Pools = autoScaling is null ? null
            : new CapacityPoolReconciler(store, events, ecs, autoScaling, Catalog, Services, options, time, loggers.CreateLogger<CapacityPoolReconciler>())
            {
                Pacing = pacing,
            };
    }

    public ScalePolicyCatalog Catalog { get; }

    public AlarmStateCache Alarms { get; }

    public ServiceSnapshotCache Services { get; }

    public ScalePolicyReconciler Policies { get; }

    /// <summary>Null when no Auto Scaling API is configured.</summary>
    public CapacityPoolReconciler? Pools { get; }

    public IReadOnlyList<IReconciler> Reconcilers => Pools is null ? [Policies] : [Policies, Pools];
}
