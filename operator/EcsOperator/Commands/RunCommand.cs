using EcsOperator.Aws;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Aws.Sqs;
using EcsOperator.Aws.SqsMetrics;
using EcsOperator.Backends;
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
internal static class RunCommand
{
    public const string Usage = """
        usage: ecs-operator run --table TABLE [--queue-url URL] [--region R] [--endpoint-url URL] [--profile P]
                                [--ecs-backend aws|simulated] [--state-dir DIR] [options]
          --table TABLE           DynamoDB table holding the manifests ($ECS_OPERATOR_TABLE)
          --queue-url URL         SQS queue of job requests ($ECS_OPERATOR_QUEUE_URL)
          --events-queue-url URL  SQS queue EventBridge delivers AWS events to ($ECS_OPERATOR_EVENTS_QUEUE_URL)
          --region R              AWS region ($AWS_REGION)
          --endpoint-url URL      one endpoint for every AWS service, e.g. moto ($AWS_ENDPOINT_URL)
          --ecs-backend B         aws (default) or simulated: a simulated cluster whose state lives under --state-dir
          --log-format F          text (default: one line per record) or json (one JSON object per line, for log
                                  collectors) ($ECS_OPERATOR_LOG_FORMAT)
        """;

    public static async Task<int> RunAsync(CommandArgs a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (CommonOptions.Settings(a, defaultPort: 9090, stderr) is not { } settings) return 2;
        var table = a.GetOrEnv("table", "ECS_OPERATOR_TABLE");
        if (table is null)
        {
            await stderr.WriteLineAsync("ecs-operator run: --table is required (or ECS_OPERATOR_TABLE)");
            return 2;
        }
        var backend = a.GetOrEnv("ecs-backend", "ECS_OPERATOR_ECS_BACKEND") ?? "aws";
        if (backend is not ("aws" or "simulated"))
        {
            await stderr.WriteLineAsync($"ecs-operator run: --ecs-backend must be aws or simulated, not '{backend}'");
            return 2;
        }
        var format = a.GetOrEnv("log-format", "ECS_OPERATOR_LOG_FORMAT") ?? "text";
        if (format is not ("text" or "json"))
        {
            await stderr.WriteLineAsync($"ecs-operator run: --log-format must be text or json, not '{format}'");
            return 2;
        }
        var connection = new AwsConnection(a.Get("region"), a.Get("profile"), a.Get("endpoint-url"));
        var time = TimeProvider.System;
        OperatorBackends backends;
        try
        {
            backends = await CreateAsync(connection, table, a.GetOrEnv("queue-url", "ECS_OPERATOR_QUEUE_URL"), backend, a.Get("state-dir"), time, ct);
            if (a.GetOrEnv("events-queue-url", "ECS_OPERATOR_EVENTS_QUEUE_URL") is { } eventsUrl)
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
        AwsConnection connection, string table, string? queueUrl, string ecsBackend, string? stateDir, TimeProvider time, CancellationToken ct)
    {
        var store = DynamoDbResourceStore.Create(connection, table, time);
        var depth = SqsQueueDepthReader.Create(connection, out var sqs);
        var metrics = new Core.Controller.Metrics.OperatorMetrics();
        IJobQueue? queue = queueUrl is null ? null : await SqsJobQueue.CreateAsync(connection, queueUrl, time, ct);
        if (ecsBackend == "simulated")
        {
            var cloud = new SimulatedCloud(new SimulatorOptions { StateDirectory = StatePaths.Resolve(stateDir).Simulator }, time);
            cloud.Control.EnsureDefaultCluster();
            return new OperatorBackends(store, store, store, queue, new PacedEcsApi(cloud.Ecs, time, 1, metrics), cloud.AutoScaling, cloud.Alarms, cloud.Logs)
            {
                Cloud = cloud,
                Region = cloud.Options.Region,
                Metrics = metrics,
                QueueDepth = depth,
                Owned = [sqs],
                NotificationSender = Aws.Notifications.NotificationSender.Create(connection, time),
            };
        }
        var clients = AwsClients.Create(connection, time, new Aws.Resilience.AwsClientOptions { Observer = new MetricsObserver(metrics) });
        return new OperatorBackends(store, store, store, queue, clients.Ecs, clients.AutoScaling, clients.Alarms, clients.Logs)
        {
            Region = clients.Region,
            Owned = [clients, sqs],
            Metrics = metrics,
            QueueDepth = depth,
            NotificationSender = Aws.Notifications.NotificationSender.Create(connection, time),
        };
    }
}
