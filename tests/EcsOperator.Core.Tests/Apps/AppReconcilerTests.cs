using EcsOperator.Core.Apps;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using System.Text.Json.Nodes;

namespace EcsOperator.Core.Tests.Apps;

public sealed class AppReconcilerTests : IDisposable
{
    private readonly AppHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Apply_creates_a_tagged_service_that_becomes_available_and_a_steady_pass_writes_nothing()
    {
        await h.ApplyAsync("web", AppHarness.App("web"));
        var result = await h.ConvergeAsync("web");
        Assert.Null(result.RequeueAfter);
        var status = await h.StatusAsync("web");
        Assert.Equal("True", AppHarness.Condition(status, "Available"));
        Assert.Equal("NewRevisionAvailable", AppHarness.Condition(status, "Progressing", "reason"));
        Assert.Equal("False", AppHarness.Condition(status, "Degraded"));
        Assert.Equal(2, status.Int("runningCount"));
        Assert.Equal(1, status.Long("observedGeneration"));

        var svc = (await h.ServiceAsync("web"))!;
        var tags = AppTags.Read(svc.Arr("tags"));
        Assert.Equal("true", tags[OperatorTags.Managed]);
        Assert.Equal("App/default/web", tags[OperatorTags.Owner]);
        Assert.Single(await h.RevisionsAsync("web"));

        var writes = h.MutatingCalls();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        h.Services.ExpireAll();
        Assert.Null((await h.ReconcileAsync("web")).RequeueAfter);
        Assert.Equal(writes, h.MutatingCalls());
        Assert.Equal(status.ToJsonString(), (await h.StatusAsync("web")).ToJsonString());
    }

    [Fact]
    public async Task An_equivalent_rewrite_registers_nothing_and_an_image_change_rolls_out_a_new_revision()
    {
        await h.ApplyAsync("web", AppHarness.App("web"));
        await h.ConvergeAsync("web");
        var equivalent = AppHarness.App("web").Replace("\"0.25 vcpu\"", "\"256\"").Replace("\"0.5 GB\"", "\"512\"");
        await h.ApplyAsync("web", equivalent);
        await h.ConvergeAsync("web");
        Assert.Single(await h.RevisionsAsync("web"));

        await h.ApplyAsync("web", AppHarness.App("web", image: "nginx:2"));
        await h.ConvergeAsync("web");
        var revisions = await h.RevisionsAsync("web");
        Assert.Equal(2, revisions.Count);
        var status = await h.StatusAsync("web");
        Assert.Equal(revisions[^1], status.Str("activeTaskDefinition"));
        Assert.Equal("NewRevisionAvailable", AppHarness.Condition(status, "Progressing", "reason"));
        Assert.Equal("True", AppHarness.Condition(status, "Available"));
        Assert.Equal(2, status.Arr("revisions")!.Count);
        Assert.Contains("RolloutComplete", await h.EventReasonsAsync("web"));
    }

    [Fact]
    public async Task A_rollout_the_circuit_breaker_rolls_back_is_degraded_and_never_retried_for_that_generation()
    {
        await h.ApplyAsync("web", AppHarness.App("web"));
        await h.ConvergeAsync("web");
        var good = (await h.StatusAsync("web")).Str("activeTaskDefinition");
        await h.ApplyAsync("web", AppHarness.App("web", image: "nginx:broken",
            extraMeta: "  annotations:\n    simulator.ecs.operator/healthy: \"false\""));
        await h.ConvergeAsync("web", maxSteps: 60);
        var status = await h.StatusAsync("web");
        Assert.True(AppHarness.Condition(status, "Degraded") == "True", string.Join("\n", (await h.ServiceAsync("web"))!.Arr("events").Objects().Select(e => e.Str("message"))));
        Assert.Equal("RolledBack", AppHarness.Condition(status, "Degraded", "reason"));
        Assert.NotEqual("NewRevisionAvailable", AppHarness.Condition(status, "Progressing", "reason"));
        Assert.Equal(good, (await h.ServiceAsync("web"))!.Str("taskDefinition"));

        var writes = h.MutatingCalls();
        h.Time.Advance(TimeSpan.FromMinutes(2));
        h.Cloud.Advance();
        await h.ReconcileAsync("web");
        Assert.Equal(writes, h.MutatingCalls());
        Assert.Equal("RolledBack", AppHarness.Condition(await h.StatusAsync("web"), "Degraded", "reason"));
    }

    [Fact]
    public async Task Drift_is_put_back_with_an_event_naming_it()
    {
        await h.ApplyAsync("web", AppHarness.App("web"));
        await h.ConvergeAsync("web");
        await h.Cloud.Ecs.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "default", ["service"] = "web", ["desiredCount"] = 5 }, default);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.ConvergeAsync("web");
        Assert.Equal(2, (await h.ServiceAsync("web"))!.Int("desiredCount"));
        var drift = (await h.Store.ListAsync(AppHarness.Key("web"), default)).Single(e => e.Reason == "Drift");
        Assert.Contains("desiredCount", drift.Message);
    }

    [Fact]
    public async Task A_service_the_operator_does_not_own_is_a_conflict_until_adopted()
    {
        var td = await h.Cloud.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, new JsonObject
        {
            ["family"] = "legacy", ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "x", ["memory"] = 128 }),
        }, default);
        await h.Cloud.Ecs.SendAsync(EcsAction.CreateService, new JsonObject
        {
            ["cluster"] = "default", ["serviceName"] = "web", ["desiredCount"] = 1,
            ["taskDefinition"] = td.Obj("taskDefinition").Str("taskDefinitionArn"),
        }, default);
        await h.ApplyAsync("web", AppHarness.App("web"));
        await h.ReconcileAsync("web");
        var status = await h.StatusAsync("web");
        Assert.Equal("Conflict", AppHarness.Condition(status, "Degraded", "reason"));
        Assert.Equal(1, (await h.ServiceAsync("web"))!.Int("desiredCount"));

        await h.ApplyAsync("web", AppHarness.App("web", extraMeta: "  annotations:\n    ecs.operator/adopt: \"true\""));
        await h.ConvergeAsync("web");
        var svc = (await h.ServiceAsync("web"))!;
        Assert.Equal("App/default/web", AppTags.Owner(AppTags.Read(svc.Arr("tags"))));
        Assert.Equal(2, svc.Int("desiredCount"));
        Assert.Contains("Adopted", await h.EventReasonsAsync("web"));
    }

    [Fact]
    public async Task A_scale_policy_owns_desired_count()
    {
        await h.ApplyAsync("web", AppHarness.App("web"));
        await h.ConvergeAsync("web");
        await h.Store.PutAsync(new(Resources.ResourceKind.ScalePolicy, "default", "web"), AppHarness.ScalePolicy("web", "web"), null, default);
        await h.Informer.ResyncAsync(default);
        await h.Cloud.Ecs.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "default", ["service"] = "web", ["desiredCount"] = 4 }, default);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.ConvergeAsync("web");
        Assert.Equal(4, (await h.ServiceAsync("web"))!.Int("desiredCount"));
        Assert.Equal("web", (await h.StatusAsync("web")).Str("scaledBy"));
    }

    [Fact]
    public async Task Invalid_manifests_and_key_mismatches_are_terminal_and_never_applied()
    {
        await h.ApplyAsync("web", AppHarness.App("web").Replace("cluster: default", "cluster: 42\n  bogusField: true"));
        var e = await Assert.ThrowsAsync<TerminalReconcileException>(() => h.ReconcileAsync("web"));
        Assert.Equal("InvalidSpec", e.Reason);
        await h.ApplyAsync("api", AppHarness.App("web"));
        var m = await Assert.ThrowsAsync<TerminalReconcileException>(() => h.ReconcileAsync("api"));
        Assert.Equal("KeyMismatch", m.Reason);
        Assert.Null(await h.ServiceAsync("web"));
        Assert.Equal(0, h.MutatingCalls());
    }

    [Fact]
    public async Task A_missing_cluster_is_reported_in_status_and_retried_later()
    {
        await h.ApplyAsync("web", AppHarness.App("web").Replace("cluster: default", "cluster: nowhere"));
        var result = await h.ReconcileAsync("web");
        Assert.NotNull(result.RequeueAfter);
        var status = await h.StatusAsync("web");
        Assert.Equal("ClusterNotFound", AppHarness.Condition(status, "Degraded", "reason"));
        Assert.Equal(0, h.MutatingCalls());
    }
}
