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
    /// every registered one). Needs IResourceStore, IEventStore, IEcsApi, IAutoScalingApi, IAlarmApi, TimeProvider and
    /// logging registered; uses an IQueueDepthReader when one is registered (e.g. <c>SqsQueueDepthReader</c>), otherwise
    /// queueTriggers report QueueUnavailable and hold the count. A registered ResourceInformer replaces the per-pass store listing.
    /// </summary>
    public static IServiceCollection AddScaling(this IServiceCollection services, Action<ScalingOptions>? configure = null)
    {
        var options = services.AddOptions<ScalingOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        services.AddSingleton(sp => new ScalingComponents(
            sp.GetRequiredService<IResourceStore>(), sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<IEcsApi>(),
            sp.GetRequiredService<IAutoScalingApi>(), sp.GetRequiredService<IAlarmApi>(), sp.GetService<IQueueDepthReader>(),
            sp.GetRequiredService<IOptions<ScalingOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetService<ResourceInformer>()));
        services.AddSingleton<IReconciler>(sp => sp.GetRequiredService<ScalingComponents>().Policies);
        services.AddSingleton<IReconciler>(sp => sp.GetRequiredService<ScalingComponents>().Pools);
        return services;
    }
}
