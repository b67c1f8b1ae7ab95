using System.Diagnostics;

namespace Ecsctl.Tests;

/// <summary>The built <c>ecsctl</c> as a real process: exit codes, streams, and several processes writing one state directory at once.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static async Task<CliResult> RunProcessAsync(string stateDir, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ecsctl.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ECS_OPERATOR_STATE_DIR"] = stateDir;
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task The_binary_applies_reports_and_maps_usage_errors_to_exit_2()
    {
        var apply = await RunProcessAsync(_cli.StateDir, "apply", "-f", CliHarness.Samples);
        Assert.True(apply.Exit == 0, apply.ToString());
        Assert.Contains("app/web created", apply.OutLines);
        Assert.NotEmpty(await _cli.Store.ListAsync(null, null, CancellationToken.None));

        var usage = await RunProcessAsync(_cli.StateDir, "get");
        Assert.Equal(2, usage.Exit);
        Assert.StartsWith("error: ", usage.Err, StringComparison.Ordinal);
        Assert.Equal("", usage.Out);
    }

    [Fact]
    public async Task The_binary_validates_against_the_ecs_api_model_with_positions_and_notes()
    {
        var bad = _cli.WriteFile("bad.yaml", "apiVersion: ecs.operator/v1\nkind: App\nmetadata: {name: web}\nspec:\n  cluster: default\n" +
            "  taskDefinition:\n    containerDefinitions: [{name: app, image: nginx, memoryReservaton: 64}]\n");
        var export = _cli.WriteFile("export.yaml", "apiVersion: ecs.operator/v1\nkind: App\nmetadata: {name: web}\nspec:\n  cluster: default\n" +
            "  taskDefinition:\n    revision: 2\n    containerDefinitions: [{name: app, image: nginx, memory: 64}]\n");

        var invalid = await RunProcessAsync(_cli.StateDir, "validate", "-f", bad);
        var valid = await RunProcessAsync(_cli.StateDir, "validate", "-f", export);

        Assert.Equal(1, invalid.Exit);
        Assert.Contains($"{bad}:7:54: spec.taskDefinition.containerDefinitions[0].memoryReservaton: unknown field 'memoryReservaton' (did you mean 'memoryReservation'?)",
            invalid.Err, StringComparison.Ordinal);
        Assert.Equal(0, valid.Exit);
        Assert.Contains($"{export}:7:5: spec.taskDefinition.revision: note: dropped 'revision'", valid.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_processes_applying_the_same_files_create_each_resource_once()
    {
        var runs = await Task.WhenAll(
            RunProcessAsync(_cli.StateDir, "apply", "-f", CliHarness.Samples),
            RunProcessAsync(_cli.StateDir, "apply", "-f", CliHarness.Samples),
            _cli.RunAsync("apply", "-f", CliHarness.Samples));
        Assert.All(runs, r => Assert.True(r.Exit == 0, r.ToString()));
        var lines = runs.SelectMany(r => r.OutLines).ToList();
        var items = await _cli.Store.ListAsync(null, null, CancellationToken.None);
        Assert.Equal(items.Count * runs.Length, lines.Count);
        foreach (var item in items)
        {
            var display = $"{item.Key.Kind.ToString().ToLowerInvariant()}/{item.Key.Name}";
            Assert.Single(lines, l => l == display + " created");
            Assert.Equal(runs.Length - 1, lines.Count(l => l == display + " unchanged"));
            Assert.Equal(1, item.Generation);
        }
    }
}
