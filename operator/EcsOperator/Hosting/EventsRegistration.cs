using EcsOperator.Backends;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Core.Events;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;
using EcsOperator.Core.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Hosting;

/// <summary>The AWS events intake (when an events queue is configured): routes events into the controller's queue and
/// the shared caches, and exports its counters as metrics.</summary>
internal static class EventsRegistration
{
    public static void Add(IServiceCollection services, OperatorBackends backends)
    {
        services.AddSingleton(sp => new EventIntakeStats(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => backends.EventsQueue is null ? PollPacing.Usual : new PollPacing(sp.GetRequiredService<EventIntakeStats>()));
        services.AddSingleton(sp =>
        {
            var scaling = sp.GetService<ScalingComponents>();
            var runtime = sp.GetRequiredService<ControllerRuntime>();
            ServiceSnapshotCache[] caches = scaling is null
                ? [sp.GetRequiredService<ServiceSnapshotCache>()]
                : [sp.GetRequiredService<ServiceSnapshotCache>(), scaling.Services];
            var spot = sp.GetService<IAutoScalingApi>() is { } autoScaling
                ? new SpotDrainer(sp.GetRequiredService<IEcsApi>(), autoScaling, sp.GetRequiredService<IEventStore>(),
                    sp.GetRequiredService<ResourceInformer>(), sp.GetRequiredService<TimeProvider>())
                : null;
            return new EventRouter(runtime.Enqueue, sp.GetRequiredService<ResourceInformer>(), sp.GetService<JobTaskTracker>(),
                scaling?.Alarms, scaling?.Catalog, caches, spot);
        });
        if (backends.EventsQueue is not null) services.AddHostedService<EventIntakeService>();
    }
}

/// <summary>Runs the events intake while this replica leads (a standby must not take messages the leader needs), and
/// publishes its counters.</summary>
internal sealed class EventIntakeService(IServiceProvider services) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backends = services.GetRequiredService<OperatorBackends>();
        if (backends.EventsQueue is not { } queue) return;
        var time = services.GetRequiredService<TimeProvider>();
        var stats = services.GetRequiredService<EventIntakeStats>();
        var metrics = services.GetRequiredService<OperatorMetrics>();
        metrics.SetGauge("ecs_operator_events_routed_total", () => stats.RoutedTotal);
        metrics.SetGauge("ecs_operator_events_dropped_total", () => stats.DroppedTotal);
        metrics.SetGauge("ecs_operator_events_flowing", () => stats.Flowing ? 1 : 0);
        var leader = services.GetRequiredService<LeaderElection>();
        var runtime = services.GetRequiredService<ControllerRuntime>();
        var intake = new EventIntake(queue, services.GetRequiredService<EventRouter>(), stats, time,
            services.GetRequiredService<ILogger<EventIntake>>());
        CancellationTokenSource? running = null;
        Task? task = null;
        var informer = services.GetRequiredService<ResourceInformer>();
        var wasFlowing = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var flowing = stats.Flowing;
                if (wasFlowing && !flowing) WakeStretchedPolls(informer, runtime);
                wasFlowing = flowing;
                var lead = leader.IsLeader && runtime.IsReady;
                if (lead && task is null)
                {
                    running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    task = Task.Run(() => intake.RunAsync(running.Token), CancellationToken.None);
                }
                else if (!lead && task is not null)
                {
                    await StopAsync(running!, task);
                    (running, task) = (null, null);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (task is not null) await StopAsync(running!, task);
        }
    }

    /// <summary>The events fell silent or the queue became unreachable: the kinds whose polls were stretched are passed
    /// now, and their next passes come at the usual intervals, instead of waiting out a stretched interval.</summary>
    private static void WakeStretchedPolls(ResourceInformer informer, ControllerRuntime runtime)
    {
        foreach (var kind in new[] { ResourceKind.ScalePolicy, ResourceKind.CapacityPool })
        {
            foreach (var item in informer.List(kind)) runtime.Enqueue(item.Key);
        }
    }

    private static async Task StopAsync(CancellationTokenSource cts, Task task)
    {
        await cts.CancelAsync();
        await task;
        cts.Dispose();
    }
}
