using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Scaling;
using EcsOperator.Core.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcsOperator.Scaling;

public static class ScalingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ScalePolicy and CapacityPool reconcilers as <see cref="IReconciler"/>s (the ControllerRuntime takes
    /// every registered one). Needs IResourceStore, IEventStore, IEcsApi, TimeProvider and logging registered. Uses, when
    /// registered: IAlarmApi (else alarm triggers report AlarmsUnavailable and hold), an IQueueDepthReader (e.g.
    /// <c>SqsQueueDepthReader</c>; else queueTriggers report QueueUnavailable and hold), a ResourceInformer (replaces the
    /// per-pass store listing), a PollPacing (stretches the passes while AWS events flow). <paramref name="capacityPools"/>: register the CapacityPool reconciler (needs IAutoScalingApi).
    /// </summary>
    public static IServiceCollection AddScaling(this IServiceCollection services, bool capacityPools = true, Action<ScalingOptions>? configure = null)
    {
        var options = services.AddOptions<ScalingOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        services.AddSingleton(sp => new ScalingComponents(
            sp.GetRequiredService<IResourceStore>(), sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<IEcsApi>(),
            capacityPools ? sp.GetRequiredService<IAutoScalingApi>() : null, sp.GetService<IAlarmApi>(), sp.GetService<IQueueDepthReader>(),
            sp.GetRequiredService<IOptions<ScalingOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetService<ResourceInformer>(), sp.GetService<Core.Events.PollPacing>()));
        services.AddSingleton<IReconciler>(sp => sp.GetRequiredService<ScalingComponents>().Policies);
        if (capacityPools) services.AddSingleton<IReconciler>(sp => sp.GetRequiredService<ScalingComponents>().Pools!);
        return services;
    }
}
