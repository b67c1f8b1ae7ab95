using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;

namespace EcsOperator.Tests.EndToEnd;

public sealed class OperatorEndToEndTests : IAsyncLifetime
{
    private readonly OperatorWorld w = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await w.DisposeAsync();

    [Fact]
    public async Task Apply_then_change_the_image_rolls_out_a_new_revision()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", OperatorWorld.App("web"));
        var s1 = await w.WaitForAsync("web", OperatorWorld.Available, "Available");
        Assert.Equal(2, s1.Int("runningCount"));

        await w.ApplyAsync("web", OperatorWorld.App("web", image: "nginx:2"));
        var s2 = await w.WaitForAsync("web", s => OperatorWorld.Available(s) && s.Str("activeTaskDefinition") != s1.Str("activeTaskDefinition"), "the new revision");
        Assert.EndsWith("web:2", s2.Str("activeTaskDefinition"));
        Assert.Equal(2, (await w.RevisionsAsync("web")).Count);

        var status = await w.EcsctlAsync("rollout", "status", "app/web", "--timeout", "60");
        Assert.True(status.Exit == 0, status.Err);
        Assert.Contains("successfully rolled out", status.Out);
        var history = await w.EcsctlAsync("rollout", "history", "app/web");
        Assert.Contains("web:1", history.Out);
        Assert.Contains("web:2", history.Out);

        var undo = await w.EcsctlAsync("rollout", "undo", "app/web", "--to-revision", "1");
        Assert.True(undo.Exit == 0, undo.Err);
        await w.WaitForAsync("web", s => OperatorWorld.Available(s) && s.Str("activeTaskDefinition")!.EndsWith("web:1", StringComparison.Ordinal), "the undo");
        Assert.Equal(2, (await w.RevisionsAsync("web")).Count);
        var events = await w.EcsctlAsync("events", "app/web");
        Assert.Contains("RolloutComplete", events.Out);
    }

    [Fact]
    public async Task A_failing_rollout_ends_degraded_rolled_back()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", OperatorWorld.App("web"));
        var good = (await w.WaitForAsync("web", OperatorWorld.Available, "Available")).Str("activeTaskDefinition");
        await w.ApplyAsync("web", OperatorWorld.App("web", image: "nginx:broken", annotations: "    simulator.ecs.operator/healthy: \"false\""));
        var s = await w.WaitForAsync("web", s => StatusConditions.Get(s, "Degraded").Str("reason") == "RolledBack", "Degraded/RolledBack");
        Assert.Equal("True", StatusConditions.Get(s, "Degraded").Str("status"));
        Assert.Equal(good, (await w.ServiceAsync("web"))!.Str("taskDefinition"));
        var status = await w.EcsctlAsync("rollout", "status", "app/web", "--timeout", "60");
        Assert.Equal(1, status.Exit);
        Assert.Contains("RolledBack", status.Err);
    }

    [Fact]
    public async Task Drift_is_put_back_and_a_deleted_app_loses_its_service()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", OperatorWorld.App("web"));
        await w.WaitForAsync("web", OperatorWorld.Available, "Available");
        await w.Cloud.Ecs.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "default", ["service"] = "web", ["desiredCount"] = 4 }, default);
        // the next resync (5 fake minutes) finds the drift
        await w.WaitAsync(async () => (await w.Store.ListAsync(OperatorWorld.Key("web"), default)).Any(e => e.Reason == "Drift"), "a Drift event", seconds: 90);
        await w.WaitAsync(async () => (await w.ServiceAsync("web"))?.Int("desiredCount") == 2, "desiredCount put back");

        await w.Store.MarkForDeletionAsync(OperatorWorld.Key("web"), default);
        await w.WaitAsync(async () => await w.ServiceAsync("web") is null, "the service deleted");
        await w.WaitAsync(async () => await w.Store.GetAsync(OperatorWorld.Key("web"), default) is null, "the item removed after the service");
        // the same reconcile deregisters the revisions after DeleteService returns: wait for it rather than race it
        await w.WaitAsync(async () => (await w.RevisionsAsync("web")).Count == 0, "the revisions deregistered");
    }

    [Fact]
    public async Task A_store_that_comes_back_empty_deletes_nothing_in_a_3_service_cluster()
    {
        var op = await w.StartOperatorAsync();
        var names = new[] { "app1", "app2", "app3" };
        foreach (var n in names) await w.ApplyAsync(n, OperatorWorld.App(n, replicas: 1));
        foreach (var n in names) await w.WaitForAsync(n, OperatorWorld.Available, "Available");
        // the whole store disappears (a wiped or re-created table): the Apps are orphans, reported and left alone
        foreach (var n in names) await w.Store.DeleteAsync(OperatorWorld.Key(n), null, default);
        foreach (var n in names)
            await w.WaitAsync(async () => (await w.Store.ListAsync(OperatorWorld.Key(n), default)).Any(e => e.Reason == "Orphaned"), $"{n} reported as an orphan");
        // the next resync's orphan search counts them (the ecs_operator_orphans gauge)
        var runtime = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ControllerRuntime>(op.Services);
        await w.WaitAsync(() => Task.FromResult(runtime.Orphans == 3), "3 orphans counted", seconds: 60);
        foreach (var n in names) Assert.Equal("ACTIVE", (await w.ServiceAsync(n))?.Str("status"));
    }

    [Fact]
    public async Task A_crash_between_register_and_update_leaves_no_duplicate_revision_after_restart()
    {
        var op = await w.StartOperatorAsync();
        await w.ApplyAsync("web", OperatorWorld.App("web"));
        await w.WaitForAsync("web", OperatorWorld.Available, "Available");
        w.Cloud.Control.FailNext(EcsAction.UpdateService, "ServerException", "the operator dies here", times: 100_000);
        await w.ApplyAsync("web", OperatorWorld.App("web", image: "nginx:2"));
        await w.WaitAsync(async () => (await w.RevisionsAsync("web")).Count == 2, "the new revision registered");
        await w.StopOperatorAsync(op);
        w.Cloud.Control.ClearFaults();

        await w.StartOperatorAsync("op-2");
        var s = await w.WaitForAsync("web", st => OperatorWorld.Available(st) && st.Str("activeTaskDefinition")!.EndsWith("web:2", StringComparison.Ordinal), "the rollout");
        Assert.Equal(2, (await w.RevisionsAsync("web")).Count);
        Assert.NotNull(s);
    }
}
