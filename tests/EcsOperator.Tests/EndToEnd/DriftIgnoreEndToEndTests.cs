using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>The operator host on the simulator with <c>spec.ignoreDifferences: [desiredCount]</c>: a count changed behind
/// its back stays, while other drift found in the same pass is still put back.</summary>
public sealed class DriftIgnoreEndToEndTests : IAsyncLifetime
{
    private readonly OperatorWorld w = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await w.DisposeAsync();

    [Fact]
    public async Task An_ignored_desired_count_is_created_from_the_spec_and_not_put_back()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", OperatorWorld.App("web") + "\n  ignoreDifferences: [desiredCount]");
        await w.WaitForAsync("web", OperatorWorld.Available, "Available");
        Assert.Equal(2, (await w.ServiceAsync("web"))!.Int("desiredCount"));

        // Another owner sets the count; someone also changes a setting that is not ignored.
        await w.Cloud.Ecs.SendAsync(EcsAction.UpdateService, new JsonObject
        {
            ["cluster"] = "default", ["service"] = "web", ["desiredCount"] = 4, ["propagateTags"] = "SERVICE",
        }, default);
        // the next resync (5 fake minutes) finds the drift
        await w.WaitAsync(async () => (await w.Store.ListAsync(OperatorWorld.Key("web"), default)).Any(e => e.Reason == "Drift"), "a Drift event", seconds: 90);
        var drift = (await w.Store.ListAsync(OperatorWorld.Key("web"), default)).Single(e => e.Reason == "Drift");
        Assert.Contains("propagateTags", drift.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("desiredCount", drift.Message, StringComparison.Ordinal);
        var svc = (await w.ServiceAsync("web"))!;
        Assert.Equal("TASK_DEFINITION", svc.Str("propagateTags"));
        Assert.Equal(4, svc.Int("desiredCount"));
    }
}
