using Ecsctl.Cli;

namespace Ecsctl.Tests;

public sealed class UsageTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("get")]
    [InlineData("get", "apps", "web", "extra")]
    [InlineData("get", "widgets")]
    [InlineData("get", "apps", "--bogus")]
    [InlineData("get", "apps", "-o", "xml")]
    [InlineData("get", "apps", "-o")]
    [InlineData("apply")]
    [InlineData("apply", "--dry-run=yes", "-f", "x")]
    [InlineData("diff")]
    [InlineData("delete")]
    [InlineData("delete", "app")]
    [InlineData("delete", "app/Not_A_Name")]
    [InlineData("describe", "app/web/extra")]
    [InlineData("--dry-run", "apply", "-f", "x")]
    public async Task Usage_errors_exit_2_with_a_message_on_stderr(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.True(result.Exit == 2, result.ToString());
        if (args.Length > 0) Assert.StartsWith("error: ", result.Err, StringComparison.Ordinal);
        Assert.Contains("--help", result.Err + result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_has_help_with_an_example_and_its_flags()
    {
        var root = EcsctlCli.Build();
        foreach (var command in root.Subcommands)
        {
            var result = await _cli.RunAsync(command.Name, "--help");
            Assert.True(result.Exit == 0, result.ToString());
            var help = result.Out.ReplaceLineEndings("\n");
            Assert.Contains("Usage:\n  ecsctl " + command.Name, help, StringComparison.Ordinal);
            Assert.Matches($"Example:\n +ecsctl .*{command.Name}", help);
            foreach (var option in command.Options.Concat(root.Options.Where(o => o.Recursive))) Assert.Contains(option.Name, help, StringComparison.Ordinal);
        }

        var top = await _cli.RunAsync("-h");
        Assert.Equal(0, top.Exit);
        Assert.All(root.Subcommands, c => Assert.Contains("  " + c.Name, top.Out, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Flags_parse_in_every_spelling_and_position()
    {
        await _cli.RunWithInputAsync(ApplyTests.Pool(1).Replace("name: nodes", "name: nodes\n  namespace: ops", StringComparison.Ordinal), "apply", "-f", "-");
        foreach (var args in new[]
        {
            new[] { "get", "cp", "-n", "ops", "-o", "json" },
            ["-nops", "get", "cp", "-ojson"],
            ["--namespace=ops", "get", "--output=json", "cp"],
            ["get", "cp", "nodes", "--namespace", "ops", "-o", "json"],
        })
        {
            var result = await _cli.RunAsync(args);
            Assert.True(result.Exit == 0, result.ToString());
            Assert.Contains("\"nodes\"", result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_and_explain_work_without_a_store()
    {
        var version = await _cli.RunAsync("version");
        Assert.Equal(0, version.Exit);
        Assert.StartsWith("ecsctl ", version.Out, StringComparison.Ordinal);
        var explain = await _cli.RunAsync("explain", "scalepolicy.spec.maxTaskCount");
        Assert.Equal(0, explain.Exit);
        Assert.Contains("FIELD:    spec.maxTaskCount", explain.Out, StringComparison.Ordinal);
        var bad = await _cli.RunAsync("explain", "app.spec.replica");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("replicas", bad.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.Paths.Store));
    }
}
