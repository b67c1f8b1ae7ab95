using EcsOperator.Backends;
using System.CommandLine;
using EcsOperator.Cli;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Manifests;
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
internal sealed class LocalCommand
{
    private readonly CommonOptions _common = new();

    private readonly Option<string> _stateDir = OptionKinds.Text("--state-dir", "DIR",
        "local state (store, queue, simulated cluster); default $ECS_OPERATOR_STATE_DIR or ~/.local/state/ecs-operator");

    private readonly Option<string> _apply = OptionKinds.Text("--apply", "PATH",
        "apply a manifest file, a directory (as ecsctl apply -f: all documents valid or none applied; files without an ecs.operator/v1 document skipped) or - first, then show progress");

    private readonly Option<string> _region = OptionKinds.Text("--region", "R",
        "region of the simulated account (ARNs, zones); default: the documents' spec.region, else us-east-1. Documents for another region are refused (Degraded/RegionMismatch)");

    private readonly Option<string> _ecsEndpoint = OptionKinds.Text("--ecs-endpoint", "URL",
        "talk to the ECS API at URL (AWS JSON 1.1, e.g. the simulator 'ecs-operator chaos' serves to the operators it runs) instead of the embedded simulated cluster; Auto Scaling, alarms and logs are then off");

    private readonly Option<bool> _verbose = OptionKinds.Switch("--verbose",
        "show the operator's component logs on the terminal too; without it the terminal shows one line per resource change plus warnings and errors, "
        + "and the component logs go only to STATE-DIR/operator.log (appended to; --log-level sets how much)", "-v");

    public Command Build()
    {
        var command = new Command("local", "run on the embedded simulated cluster with the local store (the quick start)")
        {
            _stateDir, _apply, _region, _ecsEndpoint, _verbose,
        };
        _common.AddTo(command);
        command.SetAction((a, ct) => RunAsync(a, a.InvocationConfiguration.Output, a.InvocationConfiguration.Error, ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (_common.Settings(a, defaultPort: 0, stderr) is not { } settings) return 2;
        var paths = StatePaths.Resolve(a.GetValue(_stateDir));
        var time = TimeProvider.System;
        var region = a.GetValue(_region) ?? await DocumentsRegionAsync(paths, a.GetValue(_apply), time, ct) ?? DefaultRegion;
        var endpoint = a.GetValue(_ecsEndpoint);
        using var backends = endpoint is null ? Create(paths, time, region) : CreateRemote(paths, endpoint, time);
        backends.Cloud?.Control.EnsureDefaultCluster();
        await stdout.WriteLineAsync($"ecs-operator local: state in {paths.Root}, " +
            (endpoint is null ? $"simulated cluster 'default' in {region}" : $"ECS at {endpoint}"));
        var verbose = a.GetValue(_verbose);
        using var logFile = LineLoggerProvider.AppendingTo(paths.Root, settings.LogLevel, time);
        await stdout.WriteLineAsync($"ecs-operator local: component logs in {logFile.FilePath}" + (verbose ? " and here" : " (-v shows them here)"));
        if (a.GetValue(_apply) is { } apply)
        {
            var exit = await ApplyCommand.RunAsync(backends.Store, new ApplyRequest([apply]), Console.In, stdout, stderr, ct);
            if (exit != 0) return exit;
        }
        using var terminal = new LineLoggerProvider(stderr, (LogLevel)Math.Max((int)LogLevel.Warning, (int)settings.LogLevel), full: false, time);
        var app = OperatorHost.Build(backends, settings, time, logging: b =>
        {
            b.AddProvider(logFile);
            if (verbose) OperatorHost.AddTextConsole(b);
            else b.AddProvider(terminal);
        }, configure: services =>
        {
            if (backends.Cloud is { } cloud)
                services.AddHostedService(sp => new LocalInfrastructure(cloud, backends.Store, time, sp.GetRequiredService<ILogger<LocalInfrastructure>>()));
            services.AddHostedService(sp => new ProgressReporter(backends.Store, time, stdout));
        });
        await app.StartAsync(ct);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ecs-operator");
        LogUrls(app, logger);
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    private const string DefaultRegion = "us-east-1";

    /// <summary>The region the documents name (those to apply, else those stored): the simulated account's region.</summary>
    private static async Task<string?> DocumentsRegionAsync(StatePaths paths, string? apply, TimeProvider time, CancellationToken ct)
    {
        if (apply is not null and not "-")
        {
            var loaded = await ManifestSources.LoadAsync([apply], TextReader.Null, null, ct);
            if (DocumentRegions.Common(loaded.Documents) is { } named) return named;
        }
        var stored = await new LocalResourceStore(paths, time).ListAsync(null, null, ct);
        return DocumentRegions.Common(stored
            .Select(i => ManifestParser.ParseSingle(i.Manifest, i.Key.Pk))
            .Where(p => p.Ok && p.Documents.Count == 1)
            .Select(p => p.Documents[0]));
    }

    public static OperatorBackends Create(StatePaths paths, TimeProvider time, string region = DefaultRegion)
    {
        var cloud = new SimulatedCloud(new SimulatorOptions { StateDirectory = paths.Simulator, Region = region }, time);
        var store = new LocalResourceStore(paths, time);
        var metrics = new Core.Controller.Metrics.OperatorMetrics();
        // AWS events of the simulated cloud reach the operator through a local events queue, as EventBridge → SQS does
        var events = new LocalJobQueue(new StatePaths(Path.Combine(paths.Root, "aws-events")), time);
        cloud.EmitEvents(body => events.SendAsync(body, null, CancellationToken.None).GetAwaiter().GetResult());
        var ecs = new PacedEcsApi(cloud.Ecs, time, cloud.Options.ThrottleRateFactor, metrics);
        return new OperatorBackends(store, store, store, new LocalJobQueue(paths, time), ecs, cloud.AutoScaling, cloud.Alarms, cloud.Logs)
        {
            Cloud = cloud,
            Metrics = metrics,
            Region = region,
            EventsQueue = events,
            Owned = [ecs],
        };
    }

    /// <summary>The local store and queue with ECS over the wire at <paramref name="endpoint"/> (no credentials needed:
    /// requests are signed with fixed local keys).</summary>
    public static OperatorBackends CreateRemote(StatePaths paths, string endpoint, TimeProvider time)
    {
        var store = new LocalResourceStore(paths, time);
        var metrics = new Core.Controller.Metrics.OperatorMetrics();
        var clients = Aws.AwsClients.Create(new Aws.AwsConnection("us-east-1", null, endpoint), time, new Aws.Resilience.AwsClientOptions
        {
            Credentials = new Amazon.Runtime.BasicAWSCredentials("local", "local"),
            Observer = new MetricsObserver(metrics),
        });
        return new OperatorBackends(store, store, store, new LocalJobQueue(paths, time), clients.Ecs, null, null, null)
        {
            Metrics = metrics,
            Owned = [clients],
        };
    }

    public static void LogUrls(WebApplication app, ILogger logger)
    {
        foreach (var url in app.Urls) Hosting.Log.Serving(logger, url);
    }
}
