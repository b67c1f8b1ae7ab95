namespace EcsOperator.Tests.Hosting;

public sealed class CommandLineTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = await OperatorProgram.MainAsync(args, o, e, CancellationToken.None);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Help_is_exit_0_and_usage_errors_are_exit_2()
    {
        var help = await RunAsync("--help");
        Assert.Equal(0, help.Exit);
        Assert.Contains("local", help.Out);
        Assert.Equal(0, (await RunAsync("local", "--help")).Exit);
        Assert.Equal(2, (await RunAsync()).Exit);
        var unknown = await RunAsync("frobnicate");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("unknown command", unknown.Err);
        var noTable = await RunAsync("run", "--region", "us-east-1");
        Assert.Equal(2, noTable.Exit);
        Assert.Contains("--table", noTable.Err);
        Assert.Equal(2, (await RunAsync("local", "--workers", "lots")).Exit);
        Assert.Equal(2, (await RunAsync("run", "--table", "t", "--ecs-backend", "mainframe")).Exit);
    }

    [Theory]
    [InlineData("local", "--tabel", "ops")]
    [InlineData("run", "--table", "ops", "--queue", "q")]
    [InlineData("init", "--table", "ops", "--queue", "q")]
    [InlineData("bench", "--apps", "10", "--rate", "2")]
    public async Task An_option_the_command_does_not_take_is_a_usage_error_naming_it(params string[] args)
    {
        var (exit, _, err) = await RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains("unknown option --", err);
        Assert.Contains($"ecs-operator {args[0]} --help", err);
    }

    [Theory]
    [InlineData("ecs-operator run: option --table needs a value (see 'ecs-operator run --help')", "run", "--table")]
    [InlineData("ecs-operator local: unexpected argument 'samples' (see 'ecs-operator local --help')", "local", "samples")]
    [InlineData("ecs-operator local: --workers: 'lots' is not a non-negative integer (see 'ecs-operator local --help')", "local", "--workers", "lots")]
    [InlineData("ecs-operator init: --max-receive-count: '0' is not a whole number of at least 1 (see 'ecs-operator init --help')", "init", "--table", "t", "--queue-name", "q", "--max-receive-count", "0")]
    [InlineData("ecs-operator: unknown command 'lokal'; commands: local, run, init, bench, chaos (see 'ecs-operator --help')", "lokal")]
    public async Task A_parse_error_is_one_line_naming_the_command_and_its_help_and_exit_2(string expected, params string[] args)
    {
        var (exit, output, err) = await RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Equal(expected, err.Trim());
        Assert.Equal("", output);
    }

    [Fact]
    public async Task A_value_option_given_twice_keeps_the_last_and_a_switch_takes_true_or_false()
    {
        var (exit, _, err) = await RunAsync("run", "--table", "t", "--log-format", "json", "--log-format", "yaml", "--delete-orphans=false");
        Assert.Equal(2, exit);
        Assert.Equal("ecs-operator run: --log-format must be text or json, not 'yaml'", err.Trim());
    }

    [Theory]
    [InlineData("local")]
    [InlineData("run")]
    [InlineData("init")]
    [InlineData("bench")]
    [InlineData("chaos")]
    public async Task Every_command_help_lists_its_options_one_per_line(string command)
    {
        var (exit, output, _) = await RunAsync(command, "--help");
        Assert.Equal(0, exit);
        // An option starts each line; two on one line means the help texts ran together.
        Assert.All(output.Split('\n'), line => Assert.True(
            System.Text.RegularExpressions.Regex.Count(line, "(^|\\s{2,})--[a-z]") <= 1, $"two options on one help line: {line}"));
    }

    [Fact]
    public async Task Bench_names_its_suites_and_refuses_others()
    {
        var (exit, _, err) = await RunAsync("bench", "--suite", "everything");
        Assert.Equal(2, exit);
        Assert.Contains("operator, simulator, scaling, events or all", err);
        var help = await RunAsync("bench", "--help");
        Assert.Contains("--suite", help.Out);
    }

    [Fact]
    public async Task Bench_simulator_suite_prints_describe_throughput()
    {
        var (exit, output, _) = await RunAsync("bench", "--suite", "simulator");
        Assert.Equal(0, exit);
        Assert.Matches(@"DescribeServices\(10 names\)\s+\d+ calls/s", output);
        Assert.Matches(@"DescribeTasks\(100 ARNs\)\s+\d+ calls/s", output);
    }
}
