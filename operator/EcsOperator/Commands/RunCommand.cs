using EcsOperator.Aws;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Aws.Sqs;
using EcsOperator.Aws.SqsMetrics;
using EcsOperator.Backends;
using System.CommandLine;
using EcsOperator.Cli;
using EcsOperator.Core.Queue;
using EcsOperator.Core.State;
using EcsOperator.Hosting;
using EcsOperator.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Commands;

/// <summary><c>ecs-operator run</c>: the store in DynamoDB, job requests from SQS, ECS in AWS (or simulated).</summary>
internal sealed class RunCommand
{
    private readonly CommonOptions _common = new();

    private readonly Option<string> _table = OptionKinds.Text("--table", "TABLE", "DynamoDB table holding the manifests ($ECS_OPERATOR_TABLE)");

    private readonly Option<string> _queueUrl = OptionKinds.Text("--queue-url", "URL", "SQS queue of job requests ($ECS_OPERATOR_QUEUE_URL)");

    private readonly Option<string> _eventsQueueUrl = OptionKinds.Text("--events-queue-url", "URL", "SQS queue EventBridge delivers AWS events to ($ECS_OPERATOR_EVENTS_QUEUE_URL)");

    private readonly Option<string> _region = OptionKinds.Text("--region", "R", "AWS region ($AWS_REGION)");

    private readonly Option<string> _endpointUrl = OptionKinds.Text("--endpoint-url", "URL", "one endpoint for every AWS service, e.g. moto ($AWS_ENDPOINT_URL)");

    private readonly Option<string> _profile = OptionKinds.Text("--profile", "P", "AWS credentials profile ($AWS_PROFILE)");

    private readonly Option<string> _ecsBackend = OptionKinds.Text("--ecs-backend", "B",
        "aws (default) or simulated: a simulated cluster whose state lives under --state-dir ($ECS_OPERATOR_ECS_BACKEND)");

    private readonly Option<string> _stateDir = OptionKinds.Text("--state-dir", "DIR", "state of the simulated cluster with --ecs-backend simulated");

    private readonly Option<string> _ecsEndpoint = OptionKinds.Text("--ecs-endpoint", "URL",
        "ECS at URL (AWS JSON 1.1, e.g. the simulator 'ecs-operator chaos' serves) while DynamoDB and SQS stay at --endpoint-url; Auto Scaling, alarms and logs are then off");

    private readonly Option<string> _logFormat = OptionKinds.Text("--log-format", "F",
        "text (default: one line per record) or json (one JSON object per line, for log collectors) ($ECS_OPERATOR_LOG_FORMAT)");

    public Command Build()
    {
        var command = new Command("run", "run against DynamoDB, SQS and ECS (or a simulated ECS)")
        {
            _table, _queueUrl, _eventsQueueUrl, _region, _endpointUrl, _profile, _ecsBackend, _ecsEndpoint, _stateDir, _logFormat,
        };
        _common.AddTo(command);
        command.SetAction((a, ct) => RunAsync(a, a.InvocationConfiguration.Output, a.InvocationConfiguration.Error, ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (_common.Settings(a, defaultPort: 9090, stderr) is not { } settings) return 2;
        var table = a.GetValue(_table) ?? CommonOptions.EnvText("ECS_OPERATOR_TABLE");
        if (table is null)
        {
            await stderr.WriteLineAsync("ecs-operator run: --table is required (or ECS_OPERATOR_TABLE)");
            return 2;
        }
        var backend = a.GetValue(_ecsBackend) ?? CommonOptions.EnvText("ECS_OPERATOR_ECS_BACKEND") ?? "aws";
        if (backend is not ("aws" or "simulated"))
        {
            await stderr.WriteLineAsync($"ecs-operator run: --ecs-backend must be aws or simulated, not '{backend}'");
            return 2;
        }
        var format = a.GetValue(_logFormat) ?? CommonOptions.EnvText("ECS_OPERATOR_LOG_FORMAT") ?? "text";
        if (format is not ("text" or "json"))
        {
            await stderr.WriteLineAsync($"ecs-operator run: --log-format must be text or json, not '{format}'");
            return 2;
        }
        var connection = new AwsConnection(a.GetValue(_region), a.GetValue(_profile), a.GetValue(_endpointUrl));
        var time = TimeProvider.System;
        OperatorBackends backends;
        try
        {
            backends = await CreateAsync(connection, table, a.GetValue(_queueUrl) ?? CommonOptions.EnvText("ECS_OPERATOR_QUEUE_URL"), backend, a.GetValue(_stateDir), time, ct,
                a.GetValue(_ecsEndpoint));
            if ((a.GetValue(_eventsQueueUrl) ?? CommonOptions.EnvText("ECS_OPERATOR_EVENTS_QUEUE_URL")) is { } eventsUrl)
            {
                var events = await SqsJobQueue.CreateAsync(connection, eventsUrl, time, ct);
                backends = backends with { EventsQueue = events, Owned = [.. backends.Owned, events] };
            }
        }
        catch (Exception e) when (e is Core.Aws.AwsApiException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException)
        {
            await stderr.WriteLineAsync($"ecs-operator run: cannot connect: {e.Message}");
            return 1;
        }
        using (backends)
        {
            var app = OperatorHost.Build(backends, settings, time, logging: format == "json" ? AddJsonConsole : null);
            await app.StartAsync(ct);
            LocalCommand.LogUrls(app, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ecs-operator"));
            await app.WaitForShutdownAsync(ct);
        }
        return 0;
    }

    /// <summary>One JSON object per record and line (Timestamp, EventId, LogLevel, Category, Message, State, Scopes).</summary>
    private static void AddJsonConsole(ILoggingBuilder logging) => logging.AddJsonConsole(o =>
    {
        o.IncludeScopes = true;
        o.UseUtcTimestamp = true;
        o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
    });

    public static async Task<OperatorBackends> CreateAsync(
        AwsConnection connection, string table, string? queueUrl, string ecsBackend, string? stateDir, TimeProvider time, CancellationToken ct,
        string? ecsEndpoint = null)
    {
        var store = DynamoDbResourceStore.Create(connection, table, time);
        var depth = SqsQueueDepthReader.Create(connection, out var sqs);
        var metrics = new Core.Controller.Metrics.OperatorMetrics();
        IJobQueue? queue = queueUrl is null ? null : await SqsJobQueue.CreateAsync(connection, queueUrl, time, ct);
        if (ecsBackend == "simulated")
        {
            var cloud = new SimulatedCloud(new SimulatorOptions { StateDirectory = StatePaths.Resolve(stateDir).Simulator }, time);
            cloud.Control.EnsureDefaultCluster();
            var ecs = new PacedEcsApi(cloud.Ecs, time, 1, metrics);
            return new OperatorBackends(store, store, store, queue, ecs, cloud.AutoScaling, cloud.Alarms, cloud.Logs)
            {
                Cloud = cloud,
                Region = cloud.Options.Region,
                Metrics = metrics,
                QueueDepth = depth,
                Owned = [sqs, ecs],
                NotificationSender = Aws.Notifications.NotificationSender.Create(connection, time),
            };
        }
        if (ecsEndpoint is not null)
        {
            var ecsOnly = AwsClients.Create(new AwsConnection(connection.EffectiveRegion ?? "us-east-1", null, ecsEndpoint), time, new Aws.Resilience.AwsClientOptions
            {
                Credentials = new Amazon.Runtime.BasicAWSCredentials("local", "local"),
                Observer = new MetricsObserver(metrics),
            });
            return new OperatorBackends(store, store, store, queue, ecsOnly.Ecs, null, null, null)
            {
                Region = ecsOnly.Region,
                Owned = [ecsOnly, sqs],
                Metrics = metrics,
                QueueDepth = depth,
            };
        }
        var clients = AwsClients.Create(connection, time, new Aws.Resilience.AwsClientOptions { Observer = new MetricsObserver(metrics) });
        return new OperatorBackends(store, store, store, queue, clients.Ecs, clients.AutoScaling, clients.Alarms, clients.Logs)
        {
            Region = clients.Region,
            Preflight = clients.Preflight,
            Owned = [clients, sqs],
            Metrics = metrics,
            QueueDepth = depth,
            NotificationSender = Aws.Notifications.NotificationSender.Create(connection, time),
        };
    }
}
