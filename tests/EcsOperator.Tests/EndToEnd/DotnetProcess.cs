using System.Diagnostics;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>Starting the built <c>ecs-operator</c> and <c>ecsctl</c> as a user would: <c>dotnet DLL ARGS</c>.</summary>
internal static class DotnetProcess
{
    /// <summary>The repository's root (where Operator.sln is), for the samples.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Operator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>A start of <paramref name="dll"/> (next to the tests) with its output redirected.</summary>
    public static ProcessStartInfo Dotnet(string dll, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return psi;
    }
}
