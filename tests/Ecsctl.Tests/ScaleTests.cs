using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;

namespace Ecsctl.Tests;

/// <summary><c>ecsctl scale</c> and the annotation half of <c>rollout restart|pause|resume</c> against the local store.</summary>
public sealed class ScaleTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<string> ManifestAsync(ResourceKind kind, string name) =>
        (await _cli.Store.GetAsync(new ResourceKey(kind, "default", name), CancellationToken.None))!.Manifest;

    [Fact]
    public async Task An_app_whose_count_a_policy_owns_is_refused_with_the_policys_name_and_the_policy_can_be_scaled()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", CliHarness.Samples)).Exit);
        var web = await ManifestAsync(ResourceKind.App, "web");
        var refused = await _cli.RunAsync("scale", "app/web", "--replicas", "5");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("belongs to scalepolicy/web", refused.Err, StringComparison.Ordinal);
        Assert.Equal(web, await ManifestAsync(ResourceKind.App, "web"));

        var policy = await _cli.RunAsync("scale", "scalepolicy/web", "--min", "3", "--max", "12,30");
        Assert.True(policy.Exit == 0, policy.ToString());
        Assert.Contains("scalepolicy/web: minTaskCount: 2 -> 3", policy.OutLines);
        Assert.Contains("scalepolicy/web: maxTaskCount[0]: 10 -> 12", policy.OutLines);
        var spec = ManifestParser.ParseSingle(await ManifestAsync(ResourceKind.ScalePolicy, "web"), "p").Documents[0].Spec;
        Assert.Equal(3, (int)spec["minTaskCount"]!);
        Assert.Equal([12, 30], spec["maxTaskCount"]!.AsArray().Select(n => (int)n!));

        var bad = await _cli.RunAsync("scale", "scalepolicy/web", "--max", "30,12");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("maxTaskCount", bad.Err, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.RunAsync("scale", "app/worker", "--replicas", "-1")).Exit);
    }

    [Fact]
    public async Task Scaling_an_app_writes_its_replicas_and_dry_run_does_not()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", Path.Combine(CliHarness.Samples, "apps"))).Exit);
        var dry = await _cli.RunAsync("scale", "app/worker", "--replicas", "4", "--dry-run");
        Assert.True(dry.Exit == 0, dry.ToString());
        Assert.EndsWith("app/worker scaled (dry run)", dry.Out.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("replicas: 4", await ManifestAsync(ResourceKind.App, "worker"), StringComparison.Ordinal);
        Assert.Equal(0, (await _cli.RunAsync("scale", "worker", "--replicas", "4")).Exit);
        Assert.Contains("replicas: 4", await ManifestAsync(ResourceKind.App, "worker"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_and_resume_set_and_remove_the_annotation_and_restart_sets_a_new_time_each_call()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", Path.Combine(CliHarness.Samples, "apps"))).Exit);
        Assert.Equal(0, (await _cli.RunAsync("rollout", "pause", "app/worker")).Exit);
        Assert.Contains("ecs.operator/paused: \"true\"", await ManifestAsync(ResourceKind.App, "worker"), StringComparison.Ordinal);
        Assert.Equal("app/worker unchanged", (await _cli.RunAsync("rollout", "pause", "app/worker")).Out.Trim());
        Assert.Equal(0, (await _cli.RunAsync("rollout", "resume", "app/worker")).Exit);
        Assert.DoesNotContain("ecs.operator/paused", await ManifestAsync(ResourceKind.App, "worker"), StringComparison.Ordinal);

        var first = await _cli.RunAsync("rollout", "restart", "app/worker");
        Assert.True(first.Exit == 0, first.ToString());
        _cli.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await _cli.RunAsync("rollout", "restart", "app/worker");
        Assert.Contains("app/worker restarted", second.OutLines);
        Assert.Contains("ecs.operator/restartedAt: (unset) ->", first.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("(unset)", second.Out, StringComparison.Ordinal);
    }
}
