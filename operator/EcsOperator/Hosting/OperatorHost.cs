using EcsOperator.Backends;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Core.Preflight;
using EcsOperator.Core.Store;
using EcsOperator.Scaling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Hosting;

/// <summary>The operator's wiring, shared by <c>run</c>, <c>local</c>, the benchmark and the end-to-end tests.</summary>
internal static class OperatorHost
{
    public static WebApplication Build(OperatorBackends backends, OperatorSettings settings, TimeProvider time,
        Action<ILoggingBuilder>? logging = null, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "ecs-operator", Args = [] });
        builder.WebHost.UseUrls($"http://{settings.BindAddress}:{settings.MetricsPort ?? 0}");
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        (logging ?? AddTextConsole)(builder.Logging);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        AddOperator(builder.Services, backends, settings, time);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    /// <summary>The default terminal log: one line per record, UTC time, scopes.</summary>
    public static void AddTextConsole(ILoggingBuilder logging) => logging.AddSimpleConsole(o =>
    {
        o.IncludeScopes = true;
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss ";
        o.UseUtcTimestamp = true;
    });

    public static void AddOperator(IServiceCollection services, OperatorBackends backends, OperatorSettings settings, TimeProvider time)
    {
        var metrics = backends.Metrics;
        services.AddSingleton(time);
        services.AddSingleton(backends);
        services.AddSingleton(settings);
        services.AddSingleton(settings.Controller);
        if (backends.Region is { } region) settings.Apps.Region = region;
        services.AddSingleton(settings.Apps);
        services.AddSingleton(metrics);
        services.AddSingleton(backends.Store);
        NotificationsRegistration.Add(services, backends, settings, time);
        services.AddSingleton(backends.Leases);
        services.AddSingleton(backends.Claims);
        if (backends.Queue is { } queue) services.AddSingleton(queue);
        if (backends.AutoScaling is { } asg) services.AddSingleton(asg);
        if (backends.Alarms is { } alarms) services.AddSingleton(alarms);
        if (backends.Logs is { } logs) services.AddSingleton(logs);
        services.AddSingleton<IEcsApi>(new MeteredEcsApi(backends.Ecs, metrics));
        services.AddSingleton(sp => new ResourceInformer(
            backends.Store, time, settings.Controller.ResyncPeriod, sp.GetRequiredService<ILoggerFactory>().CreateLogger<ResourceInformer>()) { Metrics = metrics });
        services.AddSingleton(sp => new ServiceSnapshotCache(sp.GetRequiredService<IEcsApi>(), time, settings.SnapshotTtl));
        services.AddSingleton(sp => new TaskDefinitionCache(sp.GetRequiredService<IEcsApi>()));
        if (settings.Preflight && backends.Preflight is { } probe) services.AddSingleton(new AppPreflight(probe, backends.Events, time));
        Reconcilers.Add(services, backends);
        services.AddSingleton(sp => new ReconcileWatchdog(settings.Controller, time));
        services.AddSingleton(sp => new ControllerRuntime(
            sp.GetRequiredService<IResourceStore>(), sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<ResourceInformer>(),
            sp.GetServices<IReconciler>().Select(sp.GetRequiredService<ReconcileWatchdog>().Wrap).ToList(), settings.Controller, time, sp.GetRequiredService<ILogger<ControllerRuntime>>(),
            metrics, sp.GetServices<IOrphanFinder>()));
        EventsRegistration.Add(services, backends);
        services.AddSingleton<LeaderElection>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaderElection>());
        if (backends.Cloud is { } cloud)
        {
            services.AddHostedService(_ => new SimulatorTicker(cloud, time));
            services.AddHostedService(sp => new SpotAnnotationWatcher(cloud, sp.GetRequiredService<ResourceInformer>(), time,
                sp.GetRequiredService<ILogger<SpotAnnotationWatcher>>()));
        }
    }

    private static void MapEndpoints(WebApplication app)
    {
        var leader = app.Services.GetRequiredService<LeaderElection>();
        var metrics = app.Services.GetRequiredService<OperatorMetrics>();
        var health = new HealthReport(leader, app.Services.GetRequiredService<ControllerRuntime>(),
            app.Services.GetRequiredService<ReconcileWatchdog>(), app.Services.GetService<JobIntakeService>());
        metrics.SetGauge("ecs_operator_leader", () => leader.IsLeader ? 1 : 0);
        app.MapGet("/healthz", () => health.Live() is { } wrong ? Results.Text(wrong + "\n", statusCode: 503) : Results.Text("ok\n"));
        app.MapGet("/readyz", () =>
        {
            var (ready, what) = health.Ready();
            return ready ? Results.Text($"ready: {what}\n") : Results.Text($"not ready: {what}\n", statusCode: 503);
        });
        app.MapGet("/metrics", async (HttpContext http) =>
        {
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.WriteAsync(http.Response.Body, http.RequestAborted);
        });
    }
}

/// <summary>The reconcilers this operator runs. New kinds register here (the pre-deploy hook runner too).</summary>
internal static class Reconcilers
{
    public static void Add(IServiceCollection services, OperatorBackends backends)
    {
        JobsRegistration.Add(services);
        services.TryAddSingleton<IPreDeployHookRunner, NoPreDeployHooks>();
        services.AddSingleton<AppReconciler>();
        services.AddSingleton<IReconciler>(sp => sp.GetRequiredService<AppReconciler>());
        services.AddSingleton<IOrphanFinder, AppOrphanFinder>();
        if (backends.QueueDepth is { } depth) services.AddSingleton(depth);
        services.AddScaling(capacityPools: backends.AutoScaling is not null);
    }
}
