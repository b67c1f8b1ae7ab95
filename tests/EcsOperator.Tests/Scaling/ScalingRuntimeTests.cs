using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Scaling;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Tests.Scaling;

/// <summary>The scaling reconcilers under the real ControllerRuntime (informer, work queue, requeue on the fake clock).</summary>
public sealed class ScalingRuntimeTests
{
    [Fact]
    public async Task The_runtime_drives_policies_by_their_requeue_and_records_invalid_specs()
    {
        using var w = new ScalingWorld(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        w.Cloud.Control.EnsureDefaultCluster(instanceCount: 3);
        await w.CreateServiceAsync("default", "web", cpu: 256, memory: 512, desired: 2);
        await w.PutAsync(ScalingWorld.AppYaml("web", "default", 256, 512));
        w.Cloud.Control.SetAlarmState("web-cpu-high", "OK");
        await w.PutAsync("""
            apiVersion: ecs.operator/v1
            kind: ScalePolicy
            metadata: {name: web}
            spec:
              targetRef: web
              minTaskCount: 2
              maxTaskCount: 6
              idleTimeSeconds: 30
              upscaleTriggers: [{alarmName: web-cpu-high}]
            """);
        var bad = EcsOperator.Core.Resources.ResourceKey.Parse("ScalePolicy/default/bad");
        await w.Store.PutAsync(bad, """
            apiVersion: ecs.operator/v1
            kind: ScalePolicy
            metadata: {name: bad}
            spec:
              targetRef: web
              maxTaskCount: 6
              scheduledMinTaskCount: [{from: "1:00", to: "2:00", count: 3, timeZone: Mars/Olympus_Mons}]
            """, null, default);

        var scaling = new ScalingComponents(w.Store, w.Store, w.Cloud.Ecs, w.Cloud.AutoScaling, w.Cloud.Alarms, null,
            new ScalingOptions(), w.Time, NullLoggerFactory.Instance);
        var informer = new ResourceInformer(w.Store, w.Time, TimeSpan.FromMinutes(5), NullLogger.Instance);
        var runtime = new ControllerRuntime(w.Store, w.Store, informer, scaling.Reconcilers,
            new ControllerOptions { Workers = 2 }, w.Time, NullLogger<ControllerRuntime>.Instance);
        using var stop = new CancellationTokenSource();
        var run = runtime.RunAsync(stop.Token);

        w.Cloud.Control.SetAlarmState("web-cpu-high", "ALARM");
        for (var i = 0; i < 400 && await w.DesiredCountAsync("default", "web") < 6; i++)
        {
            w.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
        Assert.Equal(6, await w.DesiredCountAsync("default", "web"));

        var degraded = StatusConditions.Get(await w.StatusAsync(bad), "Degraded");
        Assert.Equal(("True", "InvalidSpec"), (degraded.Str("status"), degraded.Str("reason")));
        Assert.Contains("spec.scheduledMinTaskCount[0].timeZone", degraded.Str("message"), StringComparison.Ordinal);

        await stop.CancelAsync();
        await run;
    }
}
