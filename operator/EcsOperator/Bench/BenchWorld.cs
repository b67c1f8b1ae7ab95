using EcsOperator.Core.Apps;
using System.Text.Json.Nodes;
using EcsOperator.Backends;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.State;
using EcsOperator.Hosting;
using EcsOperator.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Bench;

/// <summary>One benchmark world: a temp state dir with the local store, an in-memory simulator with ECS's throttles
/// scaled by one factor, and the real operator host (real clock) on top.</summary>
internal sealed class BenchWorld : IAsyncDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "ecs-operator-bench", Guid.NewGuid().ToString("N")[..8]);

    public BenchWorld(double rateFactor, bool throttling, int instances, bool persistSimulator = false)
    {
        var paths = new StatePaths(root);
        SimulatorDirectory = paths.Simulator;
        Cloud = new SimulatedCloud(new SimulatorOptions
        {
            StateDirectory = persistSimulator ? paths.Simulator : null,
            PersistDebounce = TimeSpan.FromSeconds(30),
            ThrottlingEnabled = throttling, ThrottleRateFactor = rateFactor,
            Timings = TaskTimings.Instant with { Pending = TimeSpan.FromMilliseconds(200) },
        }, TimeProvider.System);
        Cloud.Control.EnsureDefaultCluster(instanceCount: instances, instanceType: "m5.4xlarge", maxInstances: instances);
        Store = new LocalResourceStore(paths, TimeProvider.System);
        var metrics = new Core.Controller.Metrics.OperatorMetrics();
        Timeline = new CallTimeline(Cloud.Ecs);
        var ecs = new PacedEcsApi(Timeline, TimeProvider.System, rateFactor, metrics);
        Backends = new OperatorBackends(Store, Store, Store, null, ecs, Cloud.AutoScaling, Cloud.Alarms, Cloud.Logs) { Cloud = Cloud, Metrics = metrics, Owned = [ecs] };
    }

    public SimulatedCloud Cloud { get; }

    /// <summary>The calls that reached the simulated ECS, with their times.</summary>
    public CallTimeline Timeline { get; }
    public string SimulatorDirectory { get; }
    public LocalResourceStore Store { get; }
    public OperatorBackends Backends { get; }
    public WebApplication? Host { get; private set; }
    public OperatorMetrics Metrics => Host!.Services.GetRequiredService<OperatorMetrics>();
    public MeteredEcsApi Ecs => (MeteredEcsApi)Host!.Services.GetRequiredService<Core.Aws.IEcsApi>();

    public static ResourceKey Key(int i) => new(ResourceKind.App, "default", $"app{i:D5}");

    public static string Manifest(int i, string image = "registry/app:1") => $"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: app{i:D5}
        spec:
          cluster: default
          replicas: 1
          taskDefinition:
            containerDefinitions:
              - name: app
                image: {image}
                memory: 32
                environment:
                  - name: INDEX
                    value: "{i}"
        """;

    public async Task WriteAppsAsync(int count)
    {
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) => await Store.PutAsync(Key(i), Manifest(i), null, ct));
    }

    public async Task StartAsync(int workers)
    {
        var settings = new OperatorSettings
        {
            Controller = new ControllerOptions { Workers = workers, ResyncPeriod = TimeSpan.FromHours(1) },
            MetricsPort = 0,
            LeaseDuration = TimeSpan.FromSeconds(15),
        };
        settings.Apps.Clusters.Add("default");
        Host = OperatorHost.Build(Backends, settings, TimeProvider.System, logging: l => l.SetMinimumLevel(LogLevel.Warning));
        await Host.StartAsync();
    }

    public ControllerRuntime Runtime => Host!.Services.GetRequiredService<ControllerRuntime>();

    public ResourceInformer Informer => Host!.Services.GetRequiredService<ResourceInformer>();

    /// <summary>How many Apps are Available at their current generation.</summary>
    public async Task<int> CountAvailableAsync()
    {
        var n = 0;
        foreach (var r in await Store.ListAsync(ResourceKind.App, null, default))
        {
            if (AppRolloutState.IsRolledOut(r.Status, r.Generation)) n++;
        }
        return n;
    }

    /// <summary>Stops the operator and drops every reference to it (the simulator and store stay).</summary>
    public async Task StopHostAsync()
    {
        if (Host is null) return;
        await Host.StopAsync();
        await Host.DisposeAsync();
        Host = null;
        Backends.Metrics.ClearGauges();
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        Backends.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
