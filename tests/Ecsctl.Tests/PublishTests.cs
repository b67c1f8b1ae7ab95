using System.Diagnostics;

namespace Ecsctl.Tests;

/// <summary>
/// The self-contained single-file ecsctl (README "Install ecsctl"): <c>dotnet publish -r linux-x64 --self-contained
/// -p:PublishSingleFile=true</c> makes one executable that runs without a .NET install. Publishing compiles the four
/// projects again for the runtime identifier (about a minute of CPU), so the test is opt-in:
/// <c>ECSCTL_TEST_PUBLISH=true dotnet test tests/Ecsctl.Tests --filter PublishTests</c>. It builds under its own
/// artifacts path, leaving the tree's bin/ and obj/ alone. It needs the linux-x64 runtime pack, which the SDK restores
/// from the NuGet feed like any package.
/// </summary>
public sealed class PublishTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ecsctl-publish-");

    public void Dispose() => _scratch.Delete(recursive: true);

    private static async Task<CliResult> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    [SkippableFact]
    public async Task The_single_file_publish_runs_with_nothing_on_the_path()
    {
        Skip.IfNot(string.Equals(Environment.GetEnvironmentVariable("ECSCTL_TEST_PUBLISH"), "true", StringComparison.OrdinalIgnoreCase),
            "opt-in (publishing takes minutes): set ECSCTL_TEST_PUBLISH=true");
        var dist = Path.Combine(_scratch.FullName, "dist");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var publish = await RunAsync(dotnet, ["publish", Path.Combine(CliHarness.RepoRoot, "operator", "Ecsctl", "Ecsctl.csproj"), "-c", "Release",
            "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true", "-o", dist, "--artifacts-path", Path.Combine(_scratch.FullName, "artifacts")]);
        Assert.True(publish.Exit == 0, publish.ToString());
        var exe = Path.Combine(dist, "ecsctl");
        Assert.True(File.Exists(exe));
        Assert.DoesNotContain(Directory.GetFiles(dist), f => f.EndsWith(".dll", StringComparison.Ordinal));

        // Nothing on PATH and no DOTNET_ROOT: the file carries its runtime.
        var bare = new Dictionary<string, string> { ["PATH"] = _scratch.FullName, ["DOTNET_ROOT"] = "", ["HOME"] = _scratch.FullName };
        var version = await RunAsync(exe, ["version"], bare);
        Assert.True(version.Exit == 0, version.ToString());
        Assert.StartsWith("ecsctl 0.1.0", version.Out, StringComparison.Ordinal);
        var state = Path.Combine(_scratch.FullName, "state");
        Assert.Equal(0, (await RunAsync(exe, ["apply", "-f", Path.Combine(CliHarness.Samples, "apps"), "--state-dir", state], bare)).Exit);
        var apps = await RunAsync(exe, ["get", "apps", "-o", "name", "--state-dir", state], bare);
        Assert.True(apps.Exit == 0, apps.ToString());
        Assert.Equal(["app/web", "app/worker"], apps.OutLines);
    }
}
