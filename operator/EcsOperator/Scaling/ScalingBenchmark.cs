using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;
using EcsOperator.Core.State;
using EcsOperator.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Scaling;

/// <summary>
/// 500 ScalePolicies on the simulator with a local store, on a manual clock: AWS calls per pass (DescribeAlarms batched
/// across all policies) and the latency from an alarm change to the UpdateService it causes.
/// </summary>
public static partial class ScalingBenchmark
{
    private const string Cluster = "bench";

    public static async Task RunAsync(TextWriter output, int policies = 500, CancellationToken ct = default)
    {
        var root = Path.Combine(Path.GetTempPath(), "ecs-operator-scaling-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await RunCoreAsync(output, policies, new StatePaths(root), ct);
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task RunCoreAsync(TextWriter output, int n, StatePaths paths, CancellationToken ct)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        using var cloud = new SimulatedCloud(new SimulatorOptions { ThrottlingEnabled = false, Timings = TaskTimings.Instant }, clock);
        cloud.Control.EnsureDefaultCluster(instanceCount: 12, instanceType: "m5.4xlarge", name: Cluster, maxInstances: 12);
        var store = new LocalResourceStore(paths, clock);
        var alarms = new CountingAlarmApi(cloud.Alarms);
        var options = new ScalingOptions();
        var scaling = new ScalingComponents(store, store, cloud.Ecs, cloud.AutoScaling, alarms, null, options, clock, NullLoggerFactory.Instance);

        var setup = Stopwatch.StartNew();
        await cloud.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, new JsonObject
        {
            ["family"] = "bench", ["cpu"] = "128", ["memory"] = "128", ["requiresCompatibilities"] = new JsonArray("EC2"),
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "bench:1", ["essential"] = true }),
        }, ct);
        var keys = new List<ResourceKey>(n);
        for (var i = 0; i < n; i++)
        {
            var name = Name(i);
            await cloud.Ecs.SendAsync(EcsAction.CreateService, new JsonObject
            {
                ["cluster"] = Cluster, ["serviceName"] = name, ["taskDefinition"] = "bench", ["desiredCount"] = 1,
                ["tags"] = new JsonArray(
                    new JsonObject { ["key"] = OperatorTags.Managed, ["value"] = "true" },
                    new JsonObject { ["key"] = OperatorTags.Owner, ["value"] = $"App/default/{name}" }),
            }, ct);
            await store.PutAsync(new ResourceKey(ResourceKind.App, "default", name), AppYaml(name), null, ct);
            var key = new ResourceKey(ResourceKind.ScalePolicy, "default", name);
            await store.PutAsync(key, PolicyYaml(name), null, ct);
            cloud.Control.SetAlarmState(name + "-high", "OK");
            cloud.Control.SetAlarmState(name + "-low", "OK");
            keys.Add(key);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scaling benchmark: {n} ScalePolicies ({2 * n} alarms, {n} services) on the simulator + local store; setup {setup.ElapsedMilliseconds} ms"));

        var cold = await PassAsync(scaling, keys, cloud, alarms, ct);
        output.WriteLine("cold pass:   " + cold.Describe(n));
        clock.Advance(options.PolicyPassInterval);
        var steady = await PassAsync(scaling, keys, cloud, alarms, ct);
        output.WriteLine("steady pass: " + steady.Describe(n));

        await LatencyAsync(output, scaling, keys, cloud, clock, options, ct);
    }

    private static async Task<PassStats> PassAsync(ScalingComponents scaling, List<ResourceKey> keys, SimulatedCloud cloud,
        CountingAlarmApi alarms, CancellationToken ct)
    {
        var ecsBefore = cloud.EcsCallCounts.ToDictionary(p => p.Key, p => p.Value);
        var (alarmCalls, alarmNames) = (alarms.Calls, alarms.Names);
        var durations = new List<double>(keys.Count);
        var total = Stopwatch.StartNew();
        foreach (var key in keys)
        {
            var one = Stopwatch.StartNew();
            await scaling.Policies.ReconcileAsync(key, ct);
            durations.Add(one.Elapsed.TotalMilliseconds);
        }
        var ecs = cloud.EcsCallCounts.Where(p => p.Value - ecsBefore.GetValueOrDefault(p.Key) > 0)
            .ToDictionary(p => p.Key, p => p.Value - ecsBefore.GetValueOrDefault(p.Key));
        return new PassStats(total.Elapsed.TotalMilliseconds, durations, ecs, alarms.Calls - alarmCalls, alarms.Names - alarmNames);
    }

    private static string Name(int i) => "svc-" + i.ToString("D4", CultureInfo.InvariantCulture);

    private static string AppYaml(string name) => $$"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata: {name: {{name}}}
        spec:
          cluster: {{Cluster}}
          taskDefinition:
            cpu: "128"
            memory: "128"
            containerDefinitions: [{name: app, image: "bench:1", essential: true}]
        """;

    private static string PolicyYaml(string name) => $$"""
        apiVersion: ecs.operator/v1
        kind: ScalePolicy
        metadata: {name: {{name}}}
        spec:
          targetRef: {{name}}
          minTaskCount: 1
          maxTaskCount: [4, 6]
          idleTimeSeconds: 60
          upscaleTriggers: [{alarmName: {{name}}-high}]
          downscaleTriggers: [{alarmName: {{name}}-low}]
        """;
}
