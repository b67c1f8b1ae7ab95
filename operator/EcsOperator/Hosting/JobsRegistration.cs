using EcsOperator.Core.Apps;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Hosting;

/// <summary>Jobs, CronJobs, pre-deploy hooks and the job-queue intake: one shared task tracker, target resolver and
/// RunTask pacer for all Job reconciles.</summary>
internal static class JobsRegistration
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new JobsOptions { Region = sp.GetService<Backends.OperatorBackends>()?.Region });
        services.AddSingleton(sp => new JobTaskTracker(sp.GetRequiredService<IEcsApi>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<JobsOptions>().PollInterval));
        services.AddSingleton(sp => new JobTargetResolver(sp.GetRequiredService<IResourceStore>(), sp.GetRequiredService<IEcsApi>()));
        services.AddSingleton(sp => new LaunchPacer(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new JobReconciler(
            sp.GetRequiredService<IResourceStore>(), sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<IEcsApi>(),
            sp.GetRequiredService<JobTaskTracker>(), sp.GetRequiredService<JobTargetResolver>(), sp.GetRequiredService<JobsOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<JobReconciler>>(), sp.GetRequiredService<LaunchPacer>()));
        services.AddSingleton<IReconciler>(sp => sp.GetRequiredService<JobReconciler>());
        services.AddSingleton(sp => new CronJobReconciler(
            sp.GetRequiredService<IResourceStore>(), sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<IEcsApi>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CronJobReconciler>>()));
        services.AddSingleton<IReconciler>(sp => sp.GetRequiredService<CronJobReconciler>());
        services.TryAddSingleton<IPreDeployHookRunner>(sp => new PreDeployHookRunner(
            sp.GetRequiredService<IResourceStore>(), sp.GetRequiredService<ILogger<PreDeployHookRunner>>()));
        // Jobs deleted while no operator ran still get their tasks stopped; after the first pass the reconciles see it.
        services.AddSingleton<IOrphanFinder>(sp => new StartupOnlyOrphanFinder(new JobOrphanFinder(
            sp.GetRequiredService<IEcsApi>(), sp.GetRequiredService<IResourceStore>(), sp.GetRequiredService<JobTaskTracker>(),
            sp.GetRequiredService<AppReconcilerOptions>().Clusters, sp.GetRequiredService<JobsOptions>())));
        services.AddSingleton<JobIntakeService>();
        services.AddHostedService(sp => sp.GetRequiredService<JobIntakeService>());
    }
}

/// <summary>Runs the job-queue intake for the operator's lifetime (when a queue is configured). Safe on every replica:
/// Jobs are written create-only, so two replicas taking the same message make one Job.</summary>
internal sealed class JobIntakeService(IServiceProvider services) : BackgroundService
{
    private JobIntake? intake;

    /// <summary>Why the job queue cannot be reached, or null (also when no queue is configured).</summary>
    public string? QueueError => intake?.ReceiveError;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<IJobQueue>() is not { } queue) return Task.CompletedTask;
        var intake = this.intake = new JobIntake(queue, services.GetRequiredService<IResourceStore>(), services.GetRequiredService<IEventStore>(),
            services.GetRequiredService<JobsOptions>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<JobIntake>>(),
            services.GetService<Core.Controller.Metrics.OperatorMetrics>());
        return Task.Run(() => intake.RunAsync(stoppingToken), stoppingToken);
    }
}
