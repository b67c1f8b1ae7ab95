using EcsOperator.Core.LocalStore;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace Ecsctl.Tests;

/// <summary>Runs ecsctl in-process against a temp state directory, capturing its streams.</summary>
public sealed class CliHarness : IDisposable
{
    private readonly TempStateDirectory _dir = new();

    public FakeTimeProvider Time { get; } = ContractClock.Create();

    public string StateDir => _dir.Root;

    public EcsOperator.Core.State.StatePaths Paths => _dir.Paths;

    /// <summary>The store ecsctl uses, for arranging state and checking results.</summary>
    public LocalResourceStore Store => new(_dir.Paths, Time);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Samples => Path.Combine(RepoRoot, "samples");

    public async Task<CliResult> RunAsync(params string[] args) => await RunWithInputAsync("", args);

    public async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] all = [.. args, "--state-dir", StateDir];
        var exit = await EcsctlProgram.MainAsync(all, input, stdout, stderr, Time, CancellationToken.None);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A file under the state directory's sibling scratch folder.</summary>
    public string WriteFile(string relative, string text)
    {
        var path = Path.Combine(StateDir, "input", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => _dir.Dispose();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
    }
}

public sealed record CliResult(int Exit, string Out, string Err)
{
    public IReadOnlyList<string> OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {Exit}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}
