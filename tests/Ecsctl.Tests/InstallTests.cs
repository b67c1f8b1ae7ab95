using System.Diagnostics;

namespace Ecsctl.Tests;

/// <summary>ecsctl as users install it: <c>dotnet pack</c> makes a tool package that <c>dotnet tool install</c> puts
/// on a tool path, and the installed command works; the completion script completes in a real bash.</summary>
public sealed class InstallTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ecsctl-install-");

    public void Dispose()
    {
        _cli.Dispose();
        _scratch.Delete(recursive: true);
    }

    private static async Task<CliResult> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null, int minutes = 5)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [Fact]
    public async Task The_packed_tool_installs_into_a_tool_path_and_runs()
    {
        var packages = Path.Combine(_scratch.FullName, "packages");
        var tools = Path.Combine(_scratch.FullName, "tools");
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        // --no-build: the test project's build has just built ecsctl in this configuration.
        var pack = await RunAsync(Dotnet, ["pack", Path.Combine(CliHarness.RepoRoot, "operator", "Ecsctl", "Ecsctl.csproj"), "-c", configuration, "--no-build", "-o", packages]);
        Assert.True(pack.Exit == 0, pack.ToString());
        Assert.Single(Directory.GetFiles(packages, "ecsctl.*.nupkg"));

        var install = await RunAsync(Dotnet, ["tool", "install", "ecsctl", "--tool-path", tools, "--add-source", packages, "--ignore-failed-sources"], _scratch.FullName);
        Assert.True(install.Exit == 0, install.ToString());

        var ecsctl = Path.Combine(tools, "ecsctl");
        var version = await RunAsync(ecsctl, ["version"]);
        Assert.True(version.Exit == 0, version.ToString());
        Assert.StartsWith("ecsctl 0.1.0", version.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(ecsctl, ["apply", "-f", Path.Combine(CliHarness.Samples, "apps"), "--state-dir", _cli.StateDir])).Exit);
        var apps = await RunAsync(ecsctl, ["get", "apps", "-o", "name", "--state-dir", _cli.StateDir]);
        Assert.True(apps.Exit == 0, apps.ToString());
        Assert.Equal(["app/web", "app/worker"], apps.OutLines);
    }

    [Theory]
    [InlineData("ecsctl ro", "rollout")]
    [InlineData("ecsctl rollout re", "restart resume")]
    [InlineData("ecsctl set i", "image")]
    [InlineData("ecsctl get --wa", "--watch")]
    [InlineData("ecsctl get sc", "scalepolicy")]
    [InlineData("ecsctl apply --set", "--set-image")]
    [InlineData("ecsctl logs --ta", "--tail --table")]
    public async Task Bash_completion_completes_verbs_sub_commands_flags_and_kinds(string typed, string expected)
    {
        var script = await _cli.RunAsync("completion", "bash");
        Assert.True(script.Exit == 0, script.ToString());
        var file = Path.Combine(_scratch.FullName, "ecsctl.bash");
        await File.WriteAllTextAsync(file, script.Out);
        var words = typed.Split(' ');
        var probe = $"source '{file}'; COMP_WORDS=({string.Join(' ', words.Select(w => $"'{w}'"))}); COMP_CWORD={words.Length - 1}; _ecsctl; echo \"${{COMPREPLY[*]}}\"";
        var bash = await RunAsync("bash", ["-c", probe], minutes: 1);
        Assert.True(bash.Exit == 0, bash.ToString());
        Assert.Equal(expected, bash.Out.Trim());
    }

    [Fact]
    public async Task Every_verb_is_listed_in_help_and_has_an_example_and_zsh_gets_the_same_function()
    {
        var help = await _cli.RunAsync("--help");
        foreach (var verb in Cli.EcsctlCli.Build().Subcommands)
        {
            Assert.Contains($"  {verb.Name} ", help.Out, StringComparison.Ordinal);
            var own = await _cli.RunAsync(verb.Name, "--help");
            Assert.True(own.Exit == 0, own.ToString());
            Assert.Matches("Example:\n +ecsctl ", own.Out.Replace("\r", "", StringComparison.Ordinal));
        }

        var zsh = await _cli.RunAsync("completion", "zsh");
        Assert.Contains("bashcompinit", zsh.Out, StringComparison.Ordinal);
        Assert.Contains("complete -o default -F _ecsctl ecsctl", zsh.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.RunAsync("completion", "fish")).Exit);
    }
}
