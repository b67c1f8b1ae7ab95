using EcsOperator.Core.Apps;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Resources;
using EcsOperator.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecsctl.Tests;

/// <summary><c>ecsctl diff</c> against live state: the App's task definition as the simulator holds it (saved by an
/// operator) against the one the file renders.</summary>
public sealed class LiveDiffTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string App(string image, string extra = "") => $$"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: web
        spec:
          cluster: default
          replicas: 1
          taskDefinition:
            cpu: "256"
            memory: "512"
            containerDefinitions:
              - name: web
                image: {{image}}
                essential: true
        {{extra}}
        """;

    [Fact]
    public async Task Without_live_state_the_diff_says_so_and_shows_the_manifest_diff()
    {
        var file = _cli.WriteFile("web.yaml", App("nginx:1"));
        var result = await _cli.RunAsync("diff", "-f", file);
        Assert.Equal(1, result.Exit);
        Assert.Contains("no live state (no operator has run yet)", result.Err, StringComparison.Ordinal);
        Assert.Contains("+++ b/App/default/web (", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("task definition", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ignored_paths_are_listed_as_ignored_and_a_difference_only_there_exits_0()
    {
        const string rules = "  ignoreDifferences: [desiredCount, \"/taskDefinition/containerDefinitions/web/image\"]";
        var file = _cli.WriteFile("web.yaml", App("nginx:1", rules));
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", file)).Exit);
        await ReconcileAsync();
        // The stored App now asks for nginx:2 (applied, not yet reconciled): live differs only in the ignored image.
        var changed = _cli.WriteFile("web.yaml", App("nginx:2", rules));
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", changed)).Exit);

        var result = await _cli.RunAsync("diff", "-f", changed);
        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(
            "# ignored: desiredCount (spec.ignoreDifferences of app/web)\n" +
            "# ignored: /taskDefinition/containerDefinitions/web/image (spec.ignoreDifferences of app/web): differs from live\n",
            result.Out.ReplaceLineEndings("\n"));

        // Another change still shows, and the ignored image does not.
        var memory = _cli.WriteFile("web.yaml", App("nginx:2", rules).Replace("memory: \"512\"", "memory: \"1024\"", StringComparison.Ordinal));
        var other = await _cli.RunAsync("diff", "-f", memory);
        Assert.Equal(1, other.Exit);
        var live = other.Out[other.Out.IndexOf("task definition (live", StringComparison.Ordinal)..];
        Assert.Matches(@"(?m)^\+\s*memory: ""?1024""?$", live);
        Assert.DoesNotContain("image:", live[..live.IndexOf("# ignored:", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    private async Task ReconcileAsync()
    {
        var key = new ResourceKey(ResourceKind.App, "default", "web");
        using var cloud = new SimulatedCloud(new SimulatorOptions { StateDirectory = _cli.Paths.Simulator, ThrottlingEnabled = false }, _cli.Time);
        cloud.Control.EnsureDefaultCluster();
        var store = _cli.Store;
        var reconciler = new AppReconciler(store, store, store, cloud.Ecs, new ServiceSnapshotCache(cloud.Ecs, _cli.Time, TimeSpan.FromSeconds(5)),
            new TaskDefinitionCache(cloud.Ecs), new ResourceInformer(store, _cli.Time, TimeSpan.FromMinutes(5), NullLogger.Instance),
            new NoPreDeployHooks(), new AppReconcilerOptions(), _cli.Time, NullLogger<AppReconciler>.Instance);
        await reconciler.ReconcileAsync(key, CancellationToken.None);
        cloud.Flush();
    }

    [Fact]
    public async Task A_changed_image_shows_in_the_live_task_definition_diff_and_the_simulator_state_is_left_alone()
    {
        var file = _cli.WriteFile("web.yaml", App("nginx:1"));
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", file)).Exit);
        var key = new ResourceKey(ResourceKind.App, "default", "web");
        using (var cloud = new SimulatedCloud(new SimulatorOptions { StateDirectory = _cli.Paths.Simulator, ThrottlingEnabled = false }, _cli.Time))
        {
            cloud.Control.EnsureDefaultCluster();
            var store = _cli.Store;
            var reconciler = new AppReconciler(store, store, store, cloud.Ecs, new ServiceSnapshotCache(cloud.Ecs, _cli.Time, TimeSpan.FromSeconds(5)),
                new TaskDefinitionCache(cloud.Ecs), new ResourceInformer(store, _cli.Time, TimeSpan.FromMinutes(5), NullLogger.Instance),
                new NoPreDeployHooks(), new AppReconcilerOptions(), _cli.Time, NullLogger<AppReconciler>.Instance);
            await reconciler.ReconcileAsync(key, CancellationToken.None);
            cloud.Flush();
        }

        var saved = Directory.GetFiles(_cli.Paths.Simulator).ToDictionary(f => f, File.ReadAllBytes);
        var same = await _cli.RunAsync("diff", "-f", file);
        Assert.True(same.Exit == 0, same.ToString());
        Assert.Equal("", same.Out);

        var changed = _cli.WriteFile("web.yaml", App("nginx:2"));
        var result = await _cli.RunAsync("diff", "-f", changed);
        Assert.Equal(1, result.Exit);
        Assert.Contains("--- a/App/default/web task definition (live arn:aws:ecs:", result.Out, StringComparison.Ordinal);
        var live = result.Out[result.Out.IndexOf("task definition (live", StringComparison.Ordinal)..];
        Assert.Matches(@"(?m)^-\s+image: nginx:1$", live);
        Assert.Matches(@"(?m)^\+\s+image: nginx:2$", live);
        Assert.Equal(saved.Keys.Order(), Directory.GetFiles(_cli.Paths.Simulator).Order());
        Assert.All(saved, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
    }
}
