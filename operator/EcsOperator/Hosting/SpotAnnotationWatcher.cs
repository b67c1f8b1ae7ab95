using EcsOperator.Core.Controller;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Simulator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Hosting;

/// <summary>
/// With a simulated cloud, the annotation <c>simulator.ecs.operator/spot-interruption</c> on a CapacityPool issues an EC2
/// Spot interruption warning, as EC2 would: for the instance it names, or for one in-service instance of the pool's group
/// when it says <c>any</c>. The simulator puts the warning on the events queue (when events are emitted) and reclaims the
/// instance two minutes later. Each value is acted on once per process: change the value to interrupt again.
/// </summary>
internal sealed class SpotAnnotationWatcher(SimulatedCloud cloud, ResourceInformer informer, TimeProvider time, ILogger<SpotAnnotationWatcher> logger)
    : BackgroundService
{
    public const string Annotation = "simulator.ecs.operator/spot-interruption";

    private readonly Dictionary<ResourceKey, string> done = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await ScanAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ScanAsync(CancellationToken ct)
    {
        if (!informer.HasSynced) return;
        foreach (var pool in informer.List(ResourceKind.CapacityPool))
        {
            var parsed = ManifestParser.ParseSingle(pool.Manifest, pool.Key.Pk);
            if (!parsed.Ok || parsed.Documents[0].Metadata.Annotations?.GetValueOrDefault(Annotation) is not { Length: > 0 } value) continue;
            if (done.TryGetValue(pool.Key, out var seen) && seen == value) continue;
            done[pool.Key] = value;
            var instance = value;
            if (value == "any")
            {
                var group = Core.Json.JsonNodeExtensions.Str(parsed.Documents[0].Spec, "autoScalingGroupName");
                var found = group is null ? [] : await cloud.AutoScaling.DescribeAutoScalingGroupsAsync([group], ct);
                instance = found.FirstOrDefault()?.Instances.FirstOrDefault(i => i.LifecycleState == "InService")?.InstanceId ?? "";
            }
            try
            {
                cloud.Control.InterruptSpotInstance(instance);
                Log.SpotInterruptionIssued(logger, instance, pool.Key.ToString());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SpotInterruptionRefused(logger, pool.Key.ToString(), value, e.Message);
            }
        }
    }
}
