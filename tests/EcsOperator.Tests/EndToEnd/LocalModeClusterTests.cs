using System.Diagnostics;
using System.Text;
using EcsOperator.TestUtilities.Contracts;

namespace EcsOperator.Tests.EndToEnd;

/// <summary><c>ecs-operator local --apply DIR</c> as a user runs it, with an App on a cluster other than <c>default</c>:
/// local mode creates the cluster in the simulated account, says so once, and the App becomes Available; the simulated
/// account is in the documents' region (ARNs say so) and an App for another region is refused, naming both.</summary>
public sealed class LocalModeClusterTests
{
    private const string AppYaml = """
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: web
        spec:
          cluster: app
          region: ap-northeast-1
          replicas: 2
          taskDefinition:
            containerDefinitions:
              - name: app
                image: nginx:1
                memory: 128
        """;

    private const string JobElsewhereYaml = """
        apiVersion: ecs.operator/v1
        kind: Job
        metadata:
          name: job-elsewhere
        spec:
          appRef: web
          region: us-west-2
          command: [echo, hi]
        """;

    [Fact]
    public async Task An_app_on_cluster_app_becomes_available_in_local_mode()
    {
        using var state = new TempStateDirectory();
        var input = Path.Combine(state.Root, "input");
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(input, "a-web.yaml"), AppYaml);
        await File.WriteAllTextAsync(Path.Combine(input, "b-elsewhere.yaml"),
            AppYaml.Replace("name: web", "name: elsewhere", StringComparison.Ordinal).Replace("ap-northeast-1", "us-west-2", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(input, "c-job-elsewhere.yaml"), JobElsewhereYaml);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ecs-operator.dll"), "local", "--state-dir", state.Root, "--apply", input })
            psi.ArgumentList.Add(arg);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var op = Process.Start(psi)!;
        var output = new StringBuilder();
        var gate = new Lock();
        op.OutputDataReceived += (_, e) => { lock (gate) output.AppendLine(e.Data); };
        op.ErrorDataReceived += (_, e) => { lock (gate) output.AppendLine(e.Data); };
        op.BeginOutputReadLine();
        op.BeginErrorReadLine();
        string Text() { lock (gate) return output.ToString(); }
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Text().Contains("app/web Available 2/2", StringComparison.Ordinal))
            {
                Assert.False(op.HasExited, "ecs-operator exited early:\n" + Text());
                Assert.True(DateTime.UtcNow < deadline, "app/web on cluster app did not become Available within a minute:\n" + Text());
                await Task.Delay(200);
            }
            // The component logs go to operator.log in the state directory (the terminal shows progress lines).
            var log = await File.ReadAllTextAsync(Path.Combine(state.Root, "operator.log"));
            var said = log.Split('\n').Count(l => l.Contains("created simulated cluster app ", StringComparison.Ordinal));
            Assert.Equal(1, said);
            Assert.Contains("simulated cluster 'default' in ap-northeast-1", Text(), StringComparison.Ordinal);

            var store = new Core.LocalStore.LocalResourceStore(new Core.State.StatePaths(state.Root), TimeProvider.System);
            var web = (await store.GetAsync(Core.Resources.ResourceKey.Parse("App/default/web"), default))!.Status!;
            Assert.StartsWith("arn:aws:ecs:ap-northeast-1:", web["activeTaskDefinition"]!.GetValue<string>(), StringComparison.Ordinal);
            Core.Store.StoredResource? elsewhere = null;
            while (elsewhere?.Status is not { } st || Core.Controller.StatusConditions.Get(st, "Degraded") is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "app/elsewhere got no Degraded condition:\n" + Text());
                await Task.Delay(200);
                elsewhere = await store.GetAsync(Core.Resources.ResourceKey.Parse("App/default/elsewhere"), default);
            }
            var degraded = Core.Controller.StatusConditions.Get(elsewhere.Status!, "Degraded")!;
            Assert.Equal("RegionMismatch", degraded["reason"]!.GetValue<string>());
            Assert.Contains("spec.region is us-west-2 but this operator serves ap-northeast-1", degraded["message"]!.GetValue<string>(), StringComparison.Ordinal);

            // a Job for another region is refused the same way, never run in this one
            deadline = DateTime.UtcNow.AddSeconds(60);
            Core.Store.StoredResource? job = null;
            while (job?.Status is not { } js || Core.Controller.StatusConditions.Get(js, "Failed") is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "job/job-elsewhere got no Failed condition:\n" + Text());
                await Task.Delay(200);
                job = await store.GetAsync(Core.Resources.ResourceKey.Parse("Job/default/job-elsewhere"), default);
            }
            var failed = Core.Controller.StatusConditions.Get(job.Status!, "Failed")!;
            Assert.Equal("RegionMismatch", failed["reason"]!.GetValue<string>());
            Assert.Null(job.Status!["runs"]);
        }
        finally
        {
            if (!op.HasExited) op.Kill(entireProcessTree: true);
            await op.WaitForExitAsync();
        }
    }
}
