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
}
