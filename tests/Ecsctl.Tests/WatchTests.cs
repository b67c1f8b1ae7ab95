using EcsOperator.Core.Resources;

namespace Ecsctl.Tests;

/// <summary><c>ecsctl get -w</c> through the entry point with a token that stands in for Ctrl-C.</summary>
public sealed class WatchTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static async Task WaitForAsync(SharedWriter output, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!output.Text.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for \"{text}\"; output so far:\n{output.Text}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Get_w_prints_the_list_then_each_change_until_cancelled()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", Path.Combine(CliHarness.Samples, "apps", "worker.yaml"))).Exit);
        using var cts = new CancellationTokenSource();
        using var stdout = new SharedWriter();
        using var stderr = new StringWriter();
        var watch = Task.Run(() => EcsctlProgram.MainAsync(["get", "apps", "-w", "-o", "name", "--state-dir", _cli.StateDir], TextReader.Null, stdout, stderr, _cli.Time, cts.Token));
        await WaitForAsync(stdout, "app/worker");

        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", Path.Combine(CliHarness.Samples, "apps", "web.yaml"))).Exit);
        await WaitForAsync(stdout, "app/web");
        Assert.Equal(0, (await _cli.RunAsync("delete", "app/worker")).Exit);
        await WaitForAsync(stdout, "app/worker\napp/web\napp/worker\n");
        // Another kind's change is filtered out: the next line is the App's.
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", Path.Combine(CliHarness.Samples, "jobs"))).Exit);
        Assert.Equal(0, (await _cli.RunAsync("set", "image", "app/web", "app=rails:v2")).Exit);
        await WaitForAsync(stdout, "app/worker\napp/web\napp/worker\napp/web\n");

        await cts.CancelAsync();
        Assert.Equal(0, await watch);
        Assert.DoesNotContain("job/", stdout.Text, StringComparison.Ordinal);
        Assert.Equal("", stderr.ToString());
    }
}
