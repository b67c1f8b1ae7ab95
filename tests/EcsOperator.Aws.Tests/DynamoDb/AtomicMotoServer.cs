using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.DynamoDb;

/// <summary>
/// moto's own server application, run with one request at a time. moto checks a DynamoDB ConditionExpression and
/// applies the write as separate steps with no lock, so under concurrent requests two conditional writes can both
/// succeed — which DynamoDB never allows. The concurrency tests of the store contract need DynamoDB's atomicity, so
/// they run against this server; everything else uses <see cref="MotoServer"/>. Skips (or fails under CI) like it.
/// </summary>
public sealed class AtomicMotoServer : IAsyncLifetime
{
    private const string Script = """
        import sys, threading
        from werkzeug.serving import run_simple
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        app = DomainDispatcherApplication(create_backend_app)
        lock = threading.Lock()
        def atomic(environ, start_response):
            with lock:
                return list(app(environ, start_response))
        run_simple(sys.argv[1], int(sys.argv[2]), atomic, threaded=True)
        """;

    private Process? _process;

    public string Endpoint { get; private set; } = "";

    public string Region => "us-east-1";

    public string? UnavailableReason { get; private set; }

    public AwsConnection Connection => new(Region, null, Endpoint);

    public void SkipIfUnavailable() => Skip.If(UnavailableReason is not null, UnavailableReason);

    public async Task InitializeAsync()
    {
        var python = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "python3")).FirstOrDefault(File.Exists);
        if (python is null || !Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "moto_server"))))
        {
            const string reason = "python3 with moto_server is not on PATH: DynamoDB contract tests skipped (install moto[server] to run them)";
            if (MotoServer.IsCi) throw new InvalidOperationException("CI=true but " + reason);
            UnavailableReason = reason;
            return;
        }

        var port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo(python, ["-c", Script, "127.0.0.1", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["MOTO_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start python3");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the moto server exited with {_process.ExitCode}");
            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint + "/moto-api/"));
                if (response.StatusCode is HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the moto server did not answer within 60 s");
            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
