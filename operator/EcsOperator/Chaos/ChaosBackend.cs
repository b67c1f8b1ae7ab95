using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.SQS.Model;
using EcsOperator.Aws;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Aws.Init;
using EcsOperator.Aws.Sqs;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Queue;
using EcsOperator.Core.State;
using EcsOperator.Core.Store;

namespace EcsOperator.Chaos;

/// <summary>
/// Where a chaos run's store and job queue live, how its operator processes are started against them, and how the
/// invariants read the queue back. ECS is the run's own served simulator in every backend.
/// </summary>
internal interface IChaosBackend : IAsyncDisposable
{
    string Description { get; }

    IResourceStore Store { get; }

    IJobQueue Queue { get; }

    /// <summary>The <c>ecs-operator</c> arguments of one operator process.</summary>
    IReadOnlyList<string> OperatorArgs(string ecsEndpoint, int port);

    /// <summary>Dead-lettered messages: the <see cref="ChaosWorkload.IdAttribute"/> they were sent with → the reason.</summary>
    Task<IReadOnlyDictionary<string, string?>> DeadLetterReasonsAsync(CancellationToken ct);

    /// <summary>Messages not yet taken off the job queue (visible or in flight).</summary>
    Task<int> MessagesLeftAsync(CancellationToken ct);
}

/// <summary>The local store and queue under the run's state directory (<c>ecs-operator local</c>).</summary>
internal sealed class LocalChaosBackend(StatePaths paths, TimeProvider time) : IChaosBackend
{
    private readonly LocalJobQueue queue = new(paths, time);

    public string Description => "local store and queue";

    public IResourceStore Store { get; } = new LocalResourceStore(paths, time);

    public IJobQueue Queue => queue;

    public IReadOnlyList<string> OperatorArgs(string ecsEndpoint, int port) =>
    [
        "local", "--state-dir", paths.Root, "--ecs-endpoint", ecsEndpoint, "--metrics-port", port.ToString(CultureInfo.InvariantCulture),
        "--resync-seconds", "30", "-v",
    ];

    public async Task<IReadOnlyDictionary<string, string?>> DeadLetterReasonsAsync(CancellationToken ct)
    {
        var reasons = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var m in await queue.ListDeadLettersAsync(ct))
        {
            if (m.Attributes.GetValueOrDefault(ChaosWorkload.IdAttribute) is { } id) reasons[id] = m.Attributes.GetValueOrDefault(QueueAttributes.DeadLetterReason);
        }
        return reasons;
    }

    public Task<int> MessagesLeftAsync(CancellationToken ct) =>
        Task.FromResult(Directory.Exists(queue.MessagesDirectory) ? Directory.EnumerateFiles(queue.MessagesDirectory, "*.json").Count() : 0);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// DynamoDB and SQS on a <c>moto_server</c> this run starts on a free loopback port (and stops), initialised as
/// <c>ecs-operator init</c> does; the operators run <c>ecs-operator run --endpoint-url MOTO --ecs-endpoint ECS</c>.
/// </summary>
internal sealed class MotoChaosBackend : IChaosBackend
{
    private const string Table = "ecs-operator-chaos";
    private const string QueueName = "ecs-operator-chaos-jobs";
    private readonly Process moto;
    private readonly string endpoint;
    private readonly DynamoDbResourceStore store;
    private readonly SqsJobQueue queue;
    private readonly Amazon.SQS.IAmazonSQS sqs;
    private readonly string queueUrl;
    private readonly string deadLetterUrl;
    private readonly Dictionary<string, string?> deadLetters = new(StringComparer.Ordinal);

    private MotoChaosBackend(Process moto, string endpoint, DynamoDbResourceStore store, SqsJobQueue queue, Amazon.SQS.IAmazonSQS sqs, string queueUrl, string deadLetterUrl)
    {
        this.moto = moto;
        this.endpoint = endpoint;
        this.store = store;
        this.queue = queue;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
    }

    public string Description => $"DynamoDB and SQS on moto_server at {endpoint}";

    public IResourceStore Store => store;

    public IJobQueue Queue => queue;

    public static async Task<MotoChaosBackend> StartAsync(TimeProvider time, CancellationToken ct)
    {
        var exe = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "moto_server")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("--backend moto needs moto_server on PATH (pip install 'moto[server]')");
        // The operators and this process reach moto with dummy credentials; children inherit them.
        foreach (var (k, v) in new Dictionary<string, string>
                 {
                     ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing", ["AWS_REGION"] = "us-east-1",
                     ["AWS_DEFAULT_REGION"] = "us-east-1", ["AWS_EC2_METADATA_DISABLED"] = "true",
                 }) Environment.SetEnvironmentVariable(k, v);
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo(exe, ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start moto_server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"moto_server exited with {process.ExitCode}");
                try
                {
                    using var resp = await http.GetAsync(new Uri(url + "/moto-api/"), ct);
                    if (resp.IsSuccessStatusCode) break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // not listening yet
                }
                if (DateTime.UtcNow > deadline) throw new TimeoutException("moto_server did not answer within 60 s");
                await Task.Delay(200, ct);
            }
            var connection = new AwsConnection("us-east-1", null, url);
            // As `ecs-operator init`: table with streams and the store epoch, job queue with its dead-letter queue.
            // A short visibility timeout, so a message taken by a killed operator comes back within the run.
            var report = await new InfrastructureInitializer(time).InitAsync(
                new InitOptions(connection, Table, QueueName) { VisibilityTimeoutSeconds = 15, MaxReceiveCount = 50 }, ct);
            var store = DynamoDbResourceStore.Create(connection, Table, time);
            var queue = await SqsJobQueue.CreateAsync(connection, report.QueueUrl!, time, ct);
            return new MotoChaosBackend(process, url, store, queue, new Amazon.SQS.AmazonSQSClient(new Amazon.Runtime.BasicAWSCredentials("testing", "testing"),
                new Amazon.SQS.AmazonSQSConfig { ServiceURL = url, AuthenticationRegion = "us-east-1" }), report.QueueUrl!, report.DeadLetterQueueUrl!);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> OperatorArgs(string ecsEndpoint, int port) =>
    [
        "run", "--table", Table, "--queue-url", queueUrl, "--endpoint-url", endpoint, "--region", "us-east-1",
        "--ecs-endpoint", ecsEndpoint, "--metrics-port", port.ToString(CultureInfo.InvariantCulture), "--resync-seconds", "30",
    ];

    /// <summary>Reads the dead-letter queue empty (each message kept invisible for the rest of the run) and
    /// remembers what it read, so later calls see every message read so far.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> DeadLetterReasonsAsync(CancellationToken ct)
    {
        while (true)
        {
            var resp = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = deadLetterUrl, MaxNumberOfMessages = 10, VisibilityTimeout = 43_200, WaitTimeSeconds = 0,
                MessageAttributeNames = ["All"],
            }, ct);
            if (resp.Messages is not { Count: > 0 } messages) break;
            foreach (var m in messages)
            {
                if (m.MessageAttributes?.GetValueOrDefault(ChaosWorkload.IdAttribute)?.StringValue is { } id)
                    deadLetters[id] = m.MessageAttributes.GetValueOrDefault(QueueAttributes.DeadLetterReason)?.StringValue;
            }
        }
        return deadLetters;
    }

    public async Task<int> MessagesLeftAsync(CancellationToken ct)
    {
        var resp = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl, AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }, ct);
        return resp.ApproximateNumberOfMessages + resp.ApproximateNumberOfMessagesNotVisible;
    }

    public ValueTask DisposeAsync()
    {
        store.Dispose();
        queue.Dispose();
        sqs.Dispose();
        if (!moto.HasExited)
        {
            moto.Kill(entireProcessTree: true);
            moto.WaitForExit(5000);
        }
        moto.Dispose();
        return ValueTask.CompletedTask;
    }
}
