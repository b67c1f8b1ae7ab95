using EcsOperator.Backends;
using EcsOperator.Cli;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Manifests.Apply;
using EcsOperator.Core.State;
using EcsOperator.Hosting;
using EcsOperator.Local;
using EcsOperator.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Commands;

/// <summary><c>ecs-operator local</c>: the embedded default — a simulated cluster, the local store and queue, all
/// under the state directory; optionally applies manifests and shows progress until they converge.</summary>
internal static class LocalCommand
{
    public const string Usage = """
        usage: ecs-operator local [--state-dir DIR] [--apply PATH] [options]
          --state-dir DIR         local state (store, queue, simulated cluster); default $ECS_OPERATOR_STATE_DIR or ~/.local/state/ecs-operator
          --apply PATH            apply a manifest file, a directory (as ecsctl apply -f: all documents valid or none
                                  applied; files without an ecs.operator/v1 document skipped) or - first, then show progress
        """;

    public static async Task<int> RunAsync(CommandArgs a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (CommonOptions.Settings(a, defaultPort: 0, stderr) is not { } settings) return 2;
        var paths = StatePaths.Resolve(a.Get("state-dir"));
        var time = TimeProvider.System;
        using var backends = Create(paths, time);
        backends.Cloud!.Control.EnsureDefaultCluster();
        await stdout.WriteLineAsync($"ecs-operator local: state in {paths.Root}, simulated cluster 'default'");
        if (a.Get("apply") is { } apply)
        {
            var exit = await ApplyCommand.RunAsync(backends.Store, new ApplyRequest([apply]), Console.In, stdout, stderr, ct);
            if (exit != 0) return exit;
        }
        var app = OperatorHost.Build(backends, settings, time, configure: services =>
        {
            services.AddHostedService(sp => new LocalInfrastructure(backends.Cloud!, backends.Store, time, sp.GetRequiredService<ILogger<LocalInfrastructure>>()));
            if (a.Get("apply") is not null)
                services.AddHostedService(sp => new ProgressReporter(backends.Store, time, stdout));
        });
        await app.StartAsync(ct);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ecs-operator");
        LogUrls(app, logger);
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    public static OperatorBackends Create(StatePaths paths, TimeProvider time)
    {
        var cloud = new SimulatedCloud(new SimulatorOptions { StateDirectory = paths.Simulator }, time);
        var store = new LocalResourceStore(paths, time);
        var metrics = new Core.Controller.Metrics.OperatorMetrics();
        // AWS events of the simulated cloud reach the operator through a local events queue, as EventBridge → SQS does
        var events = new LocalJobQueue(new StatePaths(Path.Combine(paths.Root, "aws-events")), time);
        cloud.EmitEvents(body => events.SendAsync(body, null, CancellationToken.None).GetAwaiter().GetResult());
        return new OperatorBackends(store, store, store, new LocalJobQueue(paths, time),
            new PacedEcsApi(cloud.Ecs, time, cloud.Options.ThrottleRateFactor, metrics), cloud.AutoScaling, cloud.Alarms, cloud.Logs)
        {
            Cloud = cloud,
            Metrics = metrics,
            EventsQueue = events,
        };
    }

    public static void LogUrls(WebApplication app, ILogger logger)
    {
        foreach (var url in app.Urls) Hosting.Log.Serving(logger, url);
    }
}
