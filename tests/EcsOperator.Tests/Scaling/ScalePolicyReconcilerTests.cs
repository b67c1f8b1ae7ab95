using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;

namespace EcsOperator.Tests.Scaling;

public sealed class ScalePolicyReconcilerTests
{
    private static string Policy(string target, string extra = "") => $$"""
        apiVersion: ecs.operator/v1
        kind: ScalePolicy
        metadata: {name: web}
        spec:
          targetRef: {{target}}
          minTaskCount: 2
          maxTaskCount: 6
          idleTimeSeconds: 0
          upscaleTriggers: [{alarmName: web-cpu-high}]
        {{extra}}
        """;

    private static async Task<ScalingWorld> WorldAsync()
    {
        var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        w.Cloud.Control.EnsureDefaultCluster(instanceCount: 3);
        w.Cloud.Control.SetAlarmState("web-cpu-high", "ALARM");
        await w.PutAsync(ScalingWorld.AppYaml("web", "default", 256, 512));
        return w;
    }

    [Fact]
    public async Task A_service_the_operator_does_not_own_is_left_alone()
    {
        using var w = await WorldAsync();
        await w.Cloud.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, ScalingWorld.TaskDefinition("web", 256, 512), default);
        await w.Cloud.Ecs.SendAsync(EcsAction.CreateService, new JsonObject
        {
            ["cluster"] = "default", ["serviceName"] = "web", ["taskDefinition"] = "web", ["desiredCount"] = 3,
        }, default);
        var key = await w.PutAsync(Policy("web"));

        await w.Policies.ReconcileAsync(key, default);
        Assert.Equal(3, await w.DesiredCountAsync("default", "web"));
        var active = StatusConditions.Get(await w.StatusAsync(key), ScaleConditions.ScalingActive);
        Assert.Equal(("False", "ServiceNotOwned"), (active.Str("status"), active.Str("reason")));
    }

    [Fact]
    public async Task A_missing_target_is_reported_and_retried()
    {
        using var w = await WorldAsync();
        var key = await w.PutAsync(Policy("api"));
        var result = await w.Policies.ReconcileAsync(key, default);
        Assert.Equal(w.Options.PolicyPassInterval, result.RequeueAfter);
        var active = StatusConditions.Get(await w.StatusAsync(key), ScaleConditions.ScalingActive);
        Assert.Equal("TargetNotFound", active.Str("reason"));
    }

    [Fact]
    public async Task A_steady_pass_writes_nothing_anywhere()
    {
        using var w = await WorldAsync();
        await w.CreateServiceAsync("default", "web", cpu: 256, memory: 512, desired: 2);
        var key = await w.PutAsync(Policy("web"));
        for (var i = 0; i < 6; i++) await w.TickAsync(TimeSpan.FromSeconds(20), key);
        Assert.Equal(6, await w.DesiredCountAsync("default", "web"));

        var version = (await w.Store.GetAsync(key, default))!.Version;
        var writes = w.Cloud.EcsCallCounts.Where(p => EcsAction.IsMutating(p.Key)).Sum(p => p.Value);
        for (var i = 0; i < 3; i++) await w.TickAsync(TimeSpan.FromSeconds(20), key);
        Assert.Equal(version, (await w.Store.GetAsync(key, default))!.Version);
        Assert.Equal(writes, w.Cloud.EcsCallCounts.Where(p => EcsAction.IsMutating(p.Key)).Sum(p => p.Value));
    }

    [Fact]
    public async Task Without_its_capacity_pool_the_policy_scales_and_says_so()
    {
        using var w = await WorldAsync();
        await w.CreateServiceAsync("default", "web", cpu: 256, memory: 512, desired: 2);
        var key = await w.PutAsync(Policy("web", "  capacityPoolRef: nowhere"));
        await w.Policies.ReconcileAsync(key, default);
        Assert.Equal(3, await w.DesiredCountAsync("default", "web"));
        Assert.Equal("CapacityPoolNotFound", StatusConditions.Get(await w.StatusAsync(key), "CapacityReady").Str("reason"));
    }

    [Fact]
    public async Task A_deleted_policy_leaves_the_count_where_it_is()
    {
        using var w = await WorldAsync();
        await w.CreateServiceAsync("default", "web", cpu: 256, memory: 512, desired: 4);
        var key = ResourceKey.Parse("ScalePolicy/default/web");
        Assert.Equal(ReconcileResult.Done, await w.Policies.ReconcileAsync(key, default));
        Assert.Equal(4, await w.DesiredCountAsync("default", "web"));
    }

    [Fact]
    public async Task Two_policies_on_one_app_the_first_by_name_owns_it_the_other_reports_a_conflict()
    {
        using var w = await WorldAsync();
        await w.CreateServiceAsync("default", "web", cpu: 256, memory: 512, desired: 2);
        var first = await w.PutAsync(Policy("web"));
        var second = await w.PutAsync(Policy("web").Replace("name: web}", "name: web2}", StringComparison.Ordinal));
        await w.Catalog.ListAsync(default);

        await w.Policies.ReconcileAsync(second, default);
        Assert.Equal(2, await w.DesiredCountAsync("default", "web"));
        var active = StatusConditions.Get(await w.StatusAsync(second), ScaleConditions.ScalingActive);
        Assert.Equal("Conflict", active.Str("reason"));
        Assert.Contains(first.Pk, active.Str("message"), StringComparison.Ordinal);

        await w.Policies.ReconcileAsync(first, default);
        Assert.Equal(3, await w.DesiredCountAsync("default", "web"));
    }

    [Fact]
    public async Task Reaching_the_top_ceiling_records_AtTopCeiling_once()
    {
        using var w = await WorldAsync();
        await w.CreateServiceAsync("default", "web", 256, 512, desired: 2);
        var key = await w.PutAsync("""
            apiVersion: ecs.operator/v1
            kind: ScalePolicy
            metadata: {name: web}
            spec: {targetRef: web, minTaskCount: 1, maxTaskCount: 2, idleTimeSeconds: 0, upscaleTriggers: [{alarmName: web-cpu-high}]}
            """);
        await w.Policies.ReconcileAsync(key, default);
        w.Time.Advance(w.Options.PolicyPassInterval);
        await w.Policies.ReconcileAsync(key, default);

        var top = Assert.Single(await w.Store.ListAsync(key, default), e => e.Reason == ScalePolicyReconciler.AtTopCeilingReason);
        Assert.Equal(1, top.Count);
        Assert.Equal(2, await w.DesiredCountAsync("default", "web"));
    }
}
