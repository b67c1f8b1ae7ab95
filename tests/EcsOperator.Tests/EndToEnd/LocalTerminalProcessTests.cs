using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EcsOperator.TestUtilities.Contracts;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>What a person sees in the terminal, as they type it: <c>ecs-operator local --apply samples/</c> prints
/// one line per resource change plus warnings, and the component logs go to <c>operator.log</c> (or, with
/// <c>-v</c>, to the terminal as well); <c>ecs-operator run --log-format json</c> prints one JSON object per line.</summary>
public sealed class LocalTerminalProcessTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Local_mode_prints_progress_lines_and_warnings_and_writes_component_logs_to_operator_log()
    {
        using var state = new TempStateDirectory();
        await using var op = OperatorProcess.Start(null, "local", "--state-dir", state.Root, "--apply", Samples());
        await op.WaitForAsync("all 3 apps converged; still reconciling", Limit);

        var stdout = op.Stdout();
        var log = Path.Combine(state.Root, "operator.log");
        Assert.Contains($"ecs-operator local: component logs in {log} (-v shows them here)", stdout, StringComparison.Ordinal);
        // one line per resource change, every kind the samples hold
        Assert.Contains("app/worker Available 2/2", stdout, StringComparison.Ordinal);
        Assert.Contains("app/web Available 1/1", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^app/web Progressing \d+/\d+ \w+", stdout);
        Assert.Contains("job/rake-cache-clear Succeeded exit 0", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^cronjob/nightly-report .*active 0", stdout);
        Assert.Matches(@"(?m)^scalepolicy/web \w+ desired \d+", stdout);
        Assert.Matches(@"(?m)^capacitypool/ecs-cluster-nodes \w+ \d+/\d+", stdout);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var firstReady = Array.IndexOf(lines, "app/worker Available 2/2");
        Assert.DoesNotContain("app/worker Available 2/2", lines[(firstReady + 1)..]);
        // no component logs on the terminal; the one warning the samples cause in its short form on stderr
        var both = stdout + op.Stderr();
        Assert.DoesNotContain("info:", both, StringComparison.Ordinal);
        Assert.DoesNotContain("Controller started", both, StringComparison.Ordinal);
        Assert.All(op.Stderr().Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => Assert.Matches(@"^(warn|fail|crit): .* \(\w+\)$|: skipped \(", l.TrimEnd()));

        var text = await ReadSharedAsync(log);
        Assert.Matches(@"(?m)^\S+Z info EcsOperator\.Core\.Controller\.ControllerRuntime\[\d+\] Controller started", text);
        Assert.Contains("EcsOperator.Local.LocalInfrastructure", text, StringComparison.Ordinal);

        // A deletion after convergence is a change too.
        var delete = await OperatorProcess.RunToEndAsync("ecsctl.dll", "delete", "job/rake-cache-clear", "--state-dir", state.Root);
        Assert.True(delete.Exit == 0, delete.Err);
        await op.WaitForAsync("job/rake-cache-clear deleted", Limit);
    }

    [Fact]
    public async Task Local_mode_with_v_shows_the_component_logs_on_the_terminal_as_well()
    {
        using var state = new TempStateDirectory();
        await using var op = OperatorProcess.Start(null, "local", "-v", "--state-dir", state.Root, "--apply", Samples());
        await op.WaitForAsync("all 3 apps converged; still reconciling", Limit);

        var stdout = op.Stdout();
        Assert.Contains($"component logs in {Path.Combine(state.Root, "operator.log")} and here", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\d\d:\d\d:\d\d info: EcsOperator\.Core\.Controller\.ControllerRuntime\[\d+\] Controller started", stdout);
        Assert.Contains("app/worker Available 2/2", stdout, StringComparison.Ordinal);
        Assert.Contains("Controller started", await ReadSharedAsync(Path.Combine(state.Root, "operator.log")), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Run_with_log_format_json_prints_one_json_object_per_line()
    {
        moto.SkipIfUnavailable();
        foreach (var (k, v) in moto.AwsEnvironment) Environment.SetEnvironmentVariable(k, v);
        using var o = new StringWriter();
        using var e = new StringWriter();
        var init = await OperatorProgram.MainAsync(["init", "--table", "jsonlogs", "--queue-name", "jsonlogs-jobs", "--region", moto.Region, "--endpoint-url", moto.Endpoint], o, e, CancellationToken.None);
        Assert.True(init == 0, e.ToString());

        using var state = new TempStateDirectory();
        await using var op = OperatorProcess.Start(moto.AwsEnvironment, "run", "--table", "jsonlogs", "--region", moto.Region, "--endpoint-url", moto.Endpoint,
            "--ecs-backend", "simulated", "--state-dir", state.Root, "--metrics-port", "0", "--log-format", "json");
        await op.WaitForAsync("Controller started", Limit);

        var lines = op.Stdout().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var record = JsonDocument.Parse(line);
            Assert.True(record.RootElement.TryGetProperty("LogLevel", out _), line);
            Assert.True(record.RootElement.TryGetProperty("Category", out _), line);
            Assert.True(record.RootElement.TryGetProperty("Message", out _), line);
        }
        Assert.Contains(lines, l => JsonDocument.Parse(l).RootElement.GetProperty("Message").GetString()!.StartsWith("Controller started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_help_names_log_format_and_verbose_and_a_wrong_format_is_a_usage_error()
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        Assert.Equal(0, await OperatorProgram.MainAsync(["run", "--help"], o, e, CancellationToken.None));
        Assert.Contains("--log-format", o.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await OperatorProgram.MainAsync(["local", "--help"], o, e, CancellationToken.None));
        Assert.Contains("-v, --verbose", o.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await OperatorProgram.MainAsync(["run", "--table", "t", "--log-format", "xml"], o, e, CancellationToken.None));
        Assert.Contains("--log-format must be text or json, not 'xml'", e.ToString(), StringComparison.Ordinal);
    }

    private static string Samples()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Operator.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "samples");
    }

    /// <summary>Reads a file the operator still has open for appending.</summary>
    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>An <c>ecs-operator</c> process with its stdout and stderr captured apart.</summary>
    private sealed class OperatorProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly StringBuilder stdout = new();
        private readonly StringBuilder stderr = new();
        private readonly Lock gate = new();

        private OperatorProcess(Process process) => this.process = process;

        public static OperatorProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
        {
            var op = new OperatorProcess(Process.Start(Dotnet("ecs-operator.dll", environment, args))!);
            op.process.OutputDataReceived += (_, e) => { lock (op.gate) op.stdout.AppendLine(e.Data); };
            op.process.ErrorDataReceived += (_, e) => { lock (op.gate) op.stderr.AppendLine(e.Data); };
            op.process.BeginOutputReadLine();
            op.process.BeginErrorReadLine();
            return op;
        }

        public static async Task<(int Exit, string Out, string Err)> RunToEndAsync(string dll, params string[] args)
        {
            using var p = Process.Start(Dotnet(dll, null, args))!;
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(Limit);
            await p.WaitForExitAsync(limit.Token);
            return (p.ExitCode, await output, await error);
        }

        public string Stdout()
        {
            lock (gate) return stdout.ToString();
        }

        public string Stderr()
        {
            lock (gate) return stderr.ToString();
        }

        public async Task WaitForAsync(string text, TimeSpan limit)
        {
            var deadline = DateTime.UtcNow + limit;
            while (!Stdout().Contains(text, StringComparison.Ordinal))
            {
                Assert.False(process.HasExited, $"ecs-operator exited early:\n{Stdout()}\n{Stderr()}");
                Assert.True(DateTime.UtcNow < deadline, $"'{text}' not printed within {limit}:\n{Stdout()}\n{Stderr()}");
                await Task.Delay(200);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }

        private static ProcessStartInfo Dotnet(string dll, IReadOnlyDictionary<string, string>? environment, string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
            return psi;
        }
    }
}
