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
/// reconciler; without an alarm API, alarm triggers report AlarmsUnavailable and hold.
/// </summary>
public sealed class ScalingComponents
{
    public ScalingComponents(IResourceStore store, IEventStore events, IEcsApi ecs, IAutoScalingApi? autoScaling, IAlarmApi? alarms,
        IQueueDepthReader? queues, ScalingOptions options, TimeProvider time, ILoggerFactory loggers, ResourceInformer? informer = null)
    {
        Catalog = new ScalePolicyCatalog(store, informer);
        Alarms = new AlarmStateCache(alarms, Catalog.AlarmNamesAsync, time, options.PolicyPassInterval);
        Services = new ServiceSnapshotCache(ecs, time, options.PolicyPassInterval);
        Policies = new ScalePolicyReconciler(store, events, ecs, Alarms, Services, queues, options, time, loggers.CreateLogger<ScalePolicyReconciler>(), Catalog);
        Pools = autoScaling is null ? null
            : new CapacityPoolReconciler(store, events, ecs, autoScaling, Catalog, Services, options, time, loggers.CreateLogger<CapacityPoolReconciler>());
    }

    public ScalePolicyCatalog Catalog { get; }

    public AlarmStateCache Alarms { get; }

    public ServiceSnapshotCache Services { get; }

    public ScalePolicyReconciler Policies { get; }

    /// <summary>Null when no Auto Scaling API is configured.</summary>
    public CapacityPoolReconciler? Pools { get; }

    public IReadOnlyList<IReconciler> Reconcilers => Pools is null ? [Policies] : [Policies, Pools];
}
