using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EcsOperator.TestUtilities.Moto;

/// <summary>
/// Starts <c>moto_server</c> on a free loopback port for the lifetime of a test class or collection
/// (use as <c>IClassFixture&lt;MotoServer&gt;</c> or a collection fixture). Tests call <see cref="SkipIfUnavailable"/>
/// first: without moto on the machine they are skipped with a visible reason — except under CI
/// (<c>CI=true</c>), where a missing moto fails the run.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? _process;

    public string Endpoint { get; private set; } = "";

    public int Port { get; private set; }

    public string Region => "us-east-1";

    /// <summary>Why moto is not usable here, or null when it runs.</summary>
    public string? UnavailableReason { get; private set; }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public void SkipIfUnavailable() => Skip.If(UnavailableReason is not null, UnavailableReason);

    public async Task InitializeAsync()
    {
        var exe = FindOnPath("moto_server");
        if (exe is null)
        {
            const string reason = "moto_server is not on PATH: AWS adapter tests skipped (install moto[server] to run them)";
            if (IsCi) throw new InvalidOperationException("CI=true but " + reason);
            UnavailableReason = reason;
            return;
        }

        Port = FreePort();
        Endpoint = $"http://127.0.0.1:{Port}";
        var psi = new ProcessStartInfo(exe, ["-H", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start moto_server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"moto_server exited with {_process.ExitCode}");
            try
            {
                using var resp = await http.GetAsync(new Uri(Endpoint + "/moto-api/"));
                if (resp.StatusCode is HttpStatusCode.OK) break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("moto_server did not answer within 60 s");
            await Task.Delay(100);
        }
    }

    /// <summary>Wipes all moto state (POST /moto-api/reset) so a test starts from nothing.</summary>
    public async Task ResetAsync()
    {
        if (UnavailableReason is not null) return;
        using var http = new HttpClient();
        using var resp = await http.PostAsync(new Uri(Endpoint + "/moto-api/reset"), null);
        resp.EnsureSuccessStatusCode();
    }

    /// <summary>Environment for an <c>aws</c> CLI (or any SDK) process pointed at this server.</summary>
    public IReadOnlyDictionary<string, string> AwsEnvironment => new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_SESSION_TOKEN"] = "testing",
        ["AWS_DEFAULT_REGION"] = Region,
        ["AWS_REGION"] = Region,
        ["AWS_ENDPOINT_URL"] = Endpoint,
        ["AWS_PAGER"] = "",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <summary>Runs the real <c>aws</c> CLI against this server (<c>--endpoint-url</c> added: this CLI version
    /// does not read AWS_ENDPOINT_URL); returns exit code, stdout and stderr.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> AwsCliAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("aws", [.. args, "--endpoint-url", Endpoint]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in AwsEnvironment) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start aws");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    internal static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var full = Path.Combine(dir, name);
            if (File.Exists(full)) return full;
        }
        return null;
    }
}
