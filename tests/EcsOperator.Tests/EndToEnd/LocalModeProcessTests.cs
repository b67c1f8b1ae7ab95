using System.Diagnostics;
using System.Text;
using EcsOperator.TestUtilities.Contracts;
using static EcsOperator.Tests.EndToEnd.DotnetProcess;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>The flow as a user types it: <c>ecs-operator local --apply samples/</c> in one process,
/// <c>ecsctl get apps</c> in another, sharing the state directory.</summary>
public sealed class LocalModeProcessTests
{
    [Fact]
    public async Task Local_mode_applies_the_samples_and_ecsctl_sees_them_converge()
    {
        using var state = new TempStateDirectory();
        var samples = Path.Combine(RepoRoot(), "samples");
        using var op = Process.Start(Dotnet("ecs-operator.dll", "local", "--state-dir", state.Root, "--apply", samples))!;
        var output = new StringBuilder();
        var gate = new Lock();
        op.OutputDataReceived += (_, e) => { lock (gate) output.AppendLine(e.Data); };
        op.ErrorDataReceived += (_, e) => { lock (gate) output.AppendLine(e.Data); };
        op.BeginOutputReadLine();
        op.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string Text() { lock (gate) return output.ToString(); }
            while (!(Text().Contains("app/worker Available 2/2", StringComparison.Ordinal)
                     && Text().Contains("app/ecs-operator Available 2/2", StringComparison.Ordinal)))
            {
                Assert.False(op.HasExited, "ecs-operator exited early:\n" + Text());
                Assert.True(DateTime.UtcNow < deadline, "the samples did not converge within a minute:\n" + Text());
                await Task.Delay(200);
            }

            using var get = Process.Start(Dotnet("ecsctl.dll", "get", "apps", "--state-dir", state.Root))!;
            var table = await get.StandardOutput.ReadToEndAsync();
            var err = await get.StandardError.ReadToEndAsync();
            await get.WaitForExitAsync();
            Assert.True(get.ExitCode == 0, err);
            Assert.Contains("worker", table);
            Assert.Contains("ecs-operator", table);
            Assert.Contains("web", table);
        }
        finally
        {
            if (!op.HasExited)
            {
                // SIGTERM-equivalent graceful stop is exercised by the host; here just end the child.
                op.Kill(entireProcessTree: true);
            }
            await op.WaitForExitAsync();
        }
    }
}
