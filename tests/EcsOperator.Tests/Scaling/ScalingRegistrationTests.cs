using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;
using EcsOperator.Core.Store;
using EcsOperator.Scaling;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOperator.Tests.Scaling;

public sealed class ScalingRegistrationTests
{
    private static ServiceProvider Build(ScalingWorld w, bool cloudApis)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(w.Time);
        services.AddSingleton<IResourceStore>(w.Store);
        services.AddSingleton<IEventStore>(w.Store);
        services.AddSingleton(w.Cloud.Ecs);
        if (cloudApis)
        {
            services.AddSingleton(w.Cloud.AutoScaling);
            services.AddSingleton(w.Cloud.Alarms);
        }
        services.AddScaling(capacityPools: cloudApis, o => o.PolicyPassInterval = TimeSpan.FromSeconds(20));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public void AddScaling_registers_both_reconcilers()
    {
        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        using var sp = Build(w, cloudApis: true);
        Assert.Equal([ResourceKind.ScalePolicy, ResourceKind.CapacityPool], sp.GetServices<IReconciler>().Select(r => r.Kind));
    }

    [Fact]
    public async Task Without_alarm_and_auto_scaling_apis_policies_still_run_and_say_why_alarms_are_held()
    {
        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        using var sp = Build(w, cloudApis: false);
        var reconciler = Assert.Single(sp.GetServices<IReconciler>());
        w.Cloud.Control.EnsureDefaultCluster(instanceCount: 2);
        await w.CreateServiceAsync("default", "web", cpu: 256, memory: 512, desired: 1);
        await w.PutAsync(ScalingWorld.AppYaml("web", "default", 256, 512));
        var key = await w.PutAsync("""
            apiVersion: ecs.operator/v1
            kind: ScalePolicy
            metadata: {name: web}
            spec:
              targetRef: web
              minTaskCount: 2
              maxTaskCount: 4
              upscaleTriggers: [{alarmName: web-cpu-high}]
            """);

        var result = await reconciler.ReconcileAsync(key, default);
        Assert.Equal(2, await w.DesiredCountAsync("default", "web")); // the minimum still applies
        Assert.True(result.RequeueAfter <= TimeSpan.FromSeconds(20));
        var active = StatusConditions.Get(await w.StatusAsync(key), ScaleConditions.ScalingActive);
        Assert.Equal("AlarmsUnavailable", active.Str("reason"));
    }
}
