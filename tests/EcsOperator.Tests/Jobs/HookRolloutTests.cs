using EcsOperator.Core.Controller;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Tests.EndToEnd;

namespace EcsOperator.Tests.Jobs;

/// <summary>Pre-deploy hooks through the whole operator host: the App reconciler gates its rollout on the hook Jobs.</summary>
public sealed class HookRolloutTests : IAsyncLifetime
{
    private const string Hooks = """

          hooks:
            preDeploy:
              - {name: migrate, command: [bin/rails, db:migrate]}
        """;

    private readonly OperatorWorld w = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task<JobState?> HookAsync(string revisionArn) =>
        JobState.FromJson((await w.Store.GetAsync(new ResourceKey(ResourceKind.Job, "default",
            PreDeployHookRunner.JobName("web", "migrate", revisionArn)), default))?.Status);

    [Fact]
    public async Task A_passing_hook_lets_the_rollout_through_and_a_failing_one_blocks_it()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", OperatorWorld.App("web", "rails:1") + Hooks);
        var first = await w.WaitForAsync("web", OperatorWorld.Available, "the first rollout", 60);
        var v1 = first.Str("activeTaskDefinition")!;
        Assert.Equal(JobPhases.Succeeded, (await HookAsync(v1))?.Phase);

        await w.ApplyAsync("web", OperatorWorld.App("web", "rails:2", annotations: "    simulator.ecs.operator/hook-migrate-exit-code: \"5\"") + Hooks);
        var blocked = await w.WaitForAsync("web", s => StatusConditions.Get(s, "Progressing").Str("status") == "False", "the hook to block", 60);
        Assert.Contains("exit code 5", StatusConditions.Get(blocked, "Progressing").Str("message"), StringComparison.Ordinal);
        var service = await w.ServiceAsync("web");
        Assert.Equal(v1, service.Str("taskDefinition"));
        var family = v1[(v1.LastIndexOf('/') + 1)..v1.LastIndexOf(':')];
        var revisions = await w.RevisionsAsync(family);
        Assert.Equal(JobPhases.Failed, (await HookAsync(revisions.Last(r => r != v1)))?.Phase);
    }
}
