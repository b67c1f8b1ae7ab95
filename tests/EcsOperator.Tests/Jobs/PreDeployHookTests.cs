using EcsOperator.Core.Apps;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;

namespace EcsOperator.Tests.Jobs;

public sealed class PreDeployHookTests : IDisposable
{
    private const string Hooks = """
          hooks:
            preDeploy:
              - {name: migrate, command: [bin/rails, db:migrate], timeoutSeconds: 600}
              - {name: seed, command: [bin/rails, db:seed]}
        """;

    private readonly JobWorld world = new();

    public void Dispose() => world.Dispose();

    private async Task<(ResourceDocument App, string Old, string New)> AppWithNewRevisionAsync(string annotations)
    {
        var old = await world.PutAppAsync(annotations: annotations, hooks: Hooks);
        var key = new ResourceKey(ResourceKind.App, "default", "web");
        var next = await world.RegisterRevisionAsync(key, "web");
        var app = ManifestParser.ParseSingle((await world.Store.GetAsync(key, default))!.Manifest, key.Pk).Documents.Single();
        return (app, old, next);
    }

    private async Task<HookGateResult> GateUntilDecidedAsync(ResourceDocument app, string revision)
    {
        for (var i = 0; i < 10; i++)
        {
            var gate = await world.Hooks.EnsureHooksAsync(app, revision, default);
            if (gate.State != HookGateState.Running) return gate;
            foreach (var job in await world.Store.ListAsync(ResourceKind.Job, "default", default)) world.Track(job.Key);
            await world.DriveAsync(async () => (await world.Store.ListAsync(ResourceKind.Job, "default", default))
                .All(j => JobState.FromJson(j.Status)?.IsFinished == true), TimeSpan.FromHours(1));
        }
        throw new InvalidOperationException("hooks never decided");
    }

    [Fact]
    public async Task Hooks_run_in_order_with_the_new_revision_and_pass()
    {
        var (app, old, next) = await AppWithNewRevisionAsync("""{"simulator.ecs.operator/hook-run-seconds": "30"}""");
        var gate = await GateUntilDecidedAsync(app, next);

        Assert.Equal(HookGateState.Passed, gate.State);
        var revision = next[(next.LastIndexOf(':') + 1)..];
        foreach (var hook in new[] { "migrate", "seed" })
        {
            var s = (await world.StateAsync(new ResourceKey(ResourceKind.Job, "default", $"web-{hook}-r{revision}")))!;
            Assert.Equal(JobPhases.Succeeded, s.Phase);
            Assert.Equal(next, s.TaskDefinitionArn);
            Assert.NotEqual(old, s.TaskDefinitionArn);
        }
        Assert.Equal(HookGateState.Passed, (await world.Hooks.EnsureHooksAsync(app, next, default)).State);
        Assert.Equal(2, (await world.Store.ListAsync(ResourceKind.Job, "default", default)).Count);
    }

    [Fact]
    public async Task A_failing_hook_blocks_with_its_exit_code_and_is_not_rerun()
    {
        var (app, _, next) = await AppWithNewRevisionAsync("""{"simulator.ecs.operator/hook-migrate-exit-code": "4"}""");
        var gate = await GateUntilDecidedAsync(app, next);

        Assert.Equal(HookGateState.Failed, gate.State);
        Assert.Equal(4, gate.ExitCode);
        Assert.Contains("ecsctl logs job/web-migrate-r", gate.Reason, StringComparison.Ordinal);
        Assert.Equal(HookGateState.Failed, (await world.Hooks.EnsureHooksAsync(app, next, default)).State);
        var jobs = await world.Store.ListAsync(ResourceKind.Job, "default", default);
        Assert.Single(jobs); // seed never started
    }

    [Fact]
    public async Task A_hook_cannot_pin_a_revision_the_app_does_not_own()
    {
        var (app, _, _) = await AppWithNewRevisionAsync("{}");
        var foreign = await world.RegisterRevisionAsync(new ResourceKey(ResourceKind.App, "default", "other"), "other");
        var gate = await GateUntilDecidedAsync(app, foreign);
        Assert.Equal(HookGateState.Failed, gate.State);
        Assert.Contains("not a revision of App web", gate.Reason, StringComparison.Ordinal);
    }
}
