using EcsOperator.Core.Apps;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;

namespace EcsOperator.Tests.Jobs;

/// <summary>Hook Jobs of the current and previous rollout stay; older finished ones are deleted.</summary>
public sealed class HookJobPruningTests : IDisposable
{
    private const string Hooks = """
          hooks:
            preDeploy:
              - {name: migrate, command: [bin/rails, db:migrate]}
        """;

    private readonly JobWorld world = new();

    public void Dispose() => world.Dispose();

    private async Task<HookGateResult> RolloutAsync(ResourceKey appKey, string revision)
    {
        var app = ManifestParser.ParseSingle((await world.Store.GetAsync(appKey, default))!.Manifest, appKey.Pk).Documents.Single();
        world.Time.Advance(TimeSpan.FromMinutes(1));
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

    private async Task<List<string>> JobNamesAsync() =>
        [.. (await world.Store.ListAsync(ResourceKind.Job, "default", default)).Select(j => j.Key.Name).Order(StringComparer.Ordinal)];

    private static string Rev(string arn) => arn[(arn.LastIndexOf(':') + 1)..];

    [Fact]
    public async Task Only_the_hook_jobs_of_the_current_and_previous_rollout_are_kept()
    {
        var appKey = new ResourceKey(ResourceKind.App, "default", "web");
        await world.PutAppAsync(annotations: """{"simulator.ecs.operator/hook-run-seconds": "10"}""", hooks: Hooks);
        var other = await world.PutJobAsync("unrelated", "{appRef: web}", """{"simulator.ecs.operator/run-seconds": "1"}""");
        var revisions = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var arn = await world.RegisterRevisionAsync(appKey, "web");
            revisions.Add(arn);
            Assert.Equal(HookGateState.Passed, (await RolloutAsync(appKey, arn)).State);
        }

        var names = await JobNamesAsync();
        Assert.Equal([.. new[] { $"web-migrate-r{Rev(revisions[2])}", $"web-migrate-r{Rev(revisions[3])}", other.Name }.Order(StringComparer.Ordinal)], names);
    }

    [Fact]
    public async Task A_failed_hook_of_the_previous_rollout_stays_inspectable_while_older_ones_go()
    {
        var appKey = new ResourceKey(ResourceKind.App, "default", "web");
        await world.PutAppAsync(annotations: """{"simulator.ecs.operator/hook-run-seconds": "10", "simulator.ecs.operator/hook-exit-code": "2"}""", hooks: Hooks);
        var first = await world.RegisterRevisionAsync(appKey, "web");
        Assert.Equal(HookGateState.Failed, (await RolloutAsync(appKey, first)).State);
        var second = await world.RegisterRevisionAsync(appKey, "web");
        Assert.Equal(HookGateState.Failed, (await RolloutAsync(appKey, second)).State);

        // A third rollout starts: the first rollout's failed hook Job goes, the second's (previous) stays with its exit code.
        var third = await world.RegisterRevisionAsync(appKey, "web");
        var app = ManifestParser.ParseSingle((await world.Store.GetAsync(appKey, default))!.Manifest, appKey.Pk).Documents.Single();
        Assert.Equal(HookGateState.Running, (await world.Hooks.EnsureHooksAsync(app, third, default)).State);

        Assert.Equal([$"web-migrate-r{Rev(second)}", $"web-migrate-r{Rev(third)}"], await JobNamesAsync());
        var previous = (await world.StateAsync(new ResourceKey(ResourceKind.Job, "default", $"web-migrate-r{Rev(second)}")))!;
        Assert.Equal(2, previous.ExitCode);
    }
}
