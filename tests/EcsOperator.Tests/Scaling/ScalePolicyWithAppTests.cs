using EcsOperator.Core.Apps;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Tests.Scaling;

/// <summary>The App reconciler creates the service; the ScalePolicy owns its desired count from then on.</summary>
public sealed class ScalePolicyWithAppTests
{
    [Fact]
    public async Task The_policy_owns_the_count_of_a_service_the_app_reconciler_created()
    {
        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        w.Cloud.Control.EnsureDefaultCluster(instanceCount: 3);
        w.Cloud.Control.SetAlarmState("web-cpu-high", "OK");
        var app = await w.PutAsync(ScalingWorld.AppYaml("web", "default", 256, 512));
        var policy = await w.PutAsync("""
            apiVersion: ecs.operator/v1
            kind: ScalePolicy
            metadata: {name: web}
            spec:
              targetRef: web
              minTaskCount: 3
              maxTaskCount: 8
              idleTimeSeconds: 0
              upscaleTriggers: [{alarmName: web-cpu-high}]
            """);
        var apps = new AppReconciler(w.Store, w.Store, w.Store, w.Cloud.Ecs, new ServiceSnapshotCache(w.Cloud.Ecs, w.Time, TimeSpan.FromSeconds(5)),
            new TaskDefinitionCache(w.Cloud.Ecs), new ResourceInformer(w.Store, w.Time, TimeSpan.FromMinutes(5), NullLogger.Instance),
            new NoPreDeployHooks(), new AppReconcilerOptions(), w.Time, NullLogger<AppReconciler>.Instance);

        async Task BothAsync()
        {
            w.Time.Advance(TimeSpan.FromSeconds(10));
            w.Cloud.Advance();
            await apps.ReconcileAsync(app, default);
            await w.Policies.ReconcileAsync(policy, default);
        }

        for (var i = 0; i < 6; i++) await BothAsync();
        Assert.Equal(3, await w.DesiredCountAsync("default", "web"));

        w.Cloud.Control.SetAlarmState("web-cpu-high", "ALARM");
        w.Alarms.Expire(); // the next pass reads alarms anew (otherwise within one pass length)
        for (var i = 0; i < 3; i++) await BothAsync();
        Assert.Equal(6, await w.DesiredCountAsync("default", "web"));
        Assert.Equal("web", (await w.StatusAsync(app)).Str("scaledBy"));

        w.Cloud.Control.SetAlarmState("web-cpu-high", "OK");
        w.Alarms.Expire();
        for (var i = 0; i < 3; i++) await BothAsync();
        Assert.Equal(6, await w.DesiredCountAsync("default", "web"));
        Assert.DoesNotContain(await w.Store.ListAsync(policy, default), e => e.Reason == "ExternalChange");
    }
}
