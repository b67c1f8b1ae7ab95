namespace Ecsctl.Tests;

/// <summary>What System.CommandLine leaves to ecsctl: each usage error is one "error:" line naming the problem and one
/// line pointing at the help, exit 2, and nothing runs.</summary>
public sealed class ParseErrorTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("error: unknown flag --bogus for \"get\"\nSee 'ecsctl get --help'.", "get", "apps", "--bogus")]
    [InlineData("error: unknown flag --selectr for \"get\" (did you mean --selector?)\nSee 'ecsctl get --help'.", "get", "apps", "--selectr", "app=web")]
    [InlineData("error: unknown flag --dry-run (a command's own flags go after the command)\nSee 'ecsctl apply --help'.", "--dry-run", "apply", "-f", "x")]
    [InlineData("error: unknown flag --replica for \"scale\" (did you mean --replicas?)\nSee 'ecsctl scale --help'.", "scale", "app/web", "--replica", "3")]
    [InlineData("error: unknown command \"gte\" (did you mean get?); commands: apply, completion, delete, describe, diff, events, explain, get, logs, rollout, run, scale, set, validate, verify, version, wait\nSee 'ecsctl --help'.", "gte", "apps")]
    [InlineData("error: missing <kind|all|orphans>\nSee 'ecsctl get --help'.", "get")]
    [InlineData("error: missing <changes>\nSee 'ecsctl set --help'.", "set", "image", "app/web")]
    [InlineData("error: flag -o needs a value (FORMAT)\nSee 'ecsctl get --help'.", "get", "apps", "-o")]
    [InlineData("error: flag --dry-run takes no value\nSee 'ecsctl apply --help'.", "apply", "--dry-run=yes", "-f", "x")]
    [InlineData("error: unexpected argument \"extra\" for \"get\"\nSee 'ecsctl get --help'.", "get", "apps", "web", "extra")]
    [InlineData("error: unknown output format \"xml\"; use table, wide, yaml, json, name or jsonpath=TEMPLATE\nSee 'ecsctl get --help'.", "get", "apps", "-o", "xml")]
    public async Task A_usage_error_names_the_problem_and_the_help_and_exits_2(string expected, params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.Exit == 2, result.ToString());
        Assert.Equal(expected, result.Err.ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal("", result.Out);
        Assert.False(Directory.Exists(_cli.Paths.Store));
    }

    /// <summary>ecsctl with the state directory given first, so that <paramref name="args"/> end the command line.</summary>
    private async Task<CliResult> RunAsync(params string[] args)
    {
        using var input = new StringReader("");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await EcsctlProgram.MainAsync(["--state-dir", _cli.StateDir, .. args], input, stdout, stderr, _cli.Time, CancellationToken.None);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_value_flag_given_twice_keeps_the_last_value()
    {
        var result = await _cli.RunAsync("get", "apps", "-n", "first", "--namespace=second");
        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("No resources found in second namespace.", result.Err.Trim());
    }

    [Fact]
    public async Task Everything_after_double_dash_is_the_run_command_not_a_flag()
    {
        var result = await _cli.RunAsync("run", "app/web", "--", "ls", "-la", "--bogus");
        Assert.True(result.Exit == 1, result.ToString());
        Assert.Equal("error: app/web not found in namespace \"default\"", result.Err.Trim());
    }

    [Fact]
    public async Task Plain_ecsctl_shows_the_overview_and_exits_2()
    {
        using var input = new StringReader("");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await EcsctlProgram.MainAsync([], input, stdout, stderr, _cli.Time, CancellationToken.None);
        Assert.Equal(2, exit);
        Assert.Contains("Usage:\n  ecsctl [command] [options]", stdout.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  get <kind|all|orphans> <name>", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("List resources or show one.", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Example:\n  ecsctl get", stdout.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
