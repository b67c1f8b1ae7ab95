using System.Diagnostics;
using System.Text;
using EcsOperator.TestUtilities.Contracts;
using static EcsOperator.Tests.EndToEnd.DotnetProcess;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>
/// <c>ecs-operator local --apply samples/</c> in one process, <c>ecsctl run</c> in others, as a user types them: the
/// sample web App has the setup Rails teams run (the web server in the essential <c>app</c> container, rake tasks in a
/// non-essential <c>rake</c> container, the schema migration as a pre-deploy hook in <c>rake</c>).
/// </summary>
public sealed class LocalRunProcessTests
{
    private static async Task<(int Exit, string Out, string Err, TimeSpan Took)> EcsctlAsync(params string[] args)
    {
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(Dotnet("ecsctl.dll", args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await p.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"ecsctl {string.Join(' ', args)} did not exit within 90 s: {await stderr}");
        }
        return (p.ExitCode, await stdout, await stderr, watch.Elapsed);
    }

    [Fact]
    public async Task Ecsctl_run_in_the_rake_container_of_the_sample_web_app_exits_0_and_an_app_that_cannot_start_fails_fast()
    {
        using var state = new TempStateDirectory();
        using var op = Process.Start(Dotnet("ecs-operator.dll", "local", "--state-dir", state.Root, "--apply", Path.Combine(RepoRoot(), "samples")))!;
        var output = new StringBuilder();
        var gate = new Lock();
        op.OutputDataReceived += (_, e) => { lock (gate) output.AppendLine(e.Data); };
        op.ErrorDataReceived += (_, e) => { lock (gate) output.AppendLine(e.Data); };
        op.BeginOutputReadLine();
        op.BeginErrorReadLine();
        try
        {
            string Text() { lock (gate) return output.ToString(); }
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!Text().Contains("app/web Available", StringComparison.Ordinal))
            {
                Assert.False(op.HasExited, "ecs-operator exited early:\n" + Text());
                Assert.True(DateTime.UtcNow < deadline, "the sample web App did not become Available (its migration hook runs in rake):\n" + Text());
                await Task.Delay(200);
            }

            var run = await EcsctlAsync("run", "app/web", "--container", "rake", "--state-dir", state.Root, "--", "bundle", "exec", "rake", "-T");
            Assert.True(run.Exit == 0, $"exit {run.Exit}: {run.Err}\n{Text()}");
            Assert.True(run.Took < TimeSpan.FromSeconds(30), $"ecsctl run took {run.Took}");

            // An App ECS refuses (a container below 6 MiB) never gets a task definition: run says so and gives up.
            var bad = Path.Combine(state.Root, "tiny.yaml");
            await File.WriteAllTextAsync(bad, """
                apiVersion: ecs.operator/v1
                kind: App
                metadata: {name: tiny}
                spec:
                  cluster: default
                  replicas: 1
                  taskDefinition:
                    containerDefinitions:
                      - {name: app, image: "rails-app:1", memory: 4}
                """);
            Assert.Equal(0, (await EcsctlAsync("apply", "-f", bad, "--state-dir", state.Root)).Exit);
            var refused = await EcsctlAsync("run", "app/tiny", "--state-dir", state.Root, "--", "rake", "-T");
            Assert.Equal(1, refused.Exit);
            Assert.Contains("App tiny has no task definition and cannot get one: Rejected", refused.Err, StringComparison.Ordinal);
            Assert.True(refused.Took < TimeSpan.FromSeconds(30), $"ecsctl run took {refused.Took}");
        }
        finally
        {
            if (!op.HasExited) op.Kill(entireProcessTree: true);
            await op.WaitForExitAsync();
        }
    }
}
