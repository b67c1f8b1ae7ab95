using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Backends;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Core.State;
using EcsOperator.Hosting;
using EcsOperator.Scaling;
using EcsOperator.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Bench;

/// <summary>
/// <c>bench --suite events</c>: the same world run twice on the real clock, once with the simulator's AWS events flowing
/// through a local events queue into the operator and once on polls alone (default intervals: policy pass 15 s, Job
/// poll 5 s, pool pass 30 s; with events flowing the policy and pool passes stretch, see PollPacing). Without events no
/// Spot warning reaches the operator, so nothing drains ahead of the reclaim. Measures alarm change → UpdateService, Job task stopped → Job status written, Spot warning
/// → instance DRAINING, and the ECS reads the operator makes per hour once everything is steady.
/// </summary>
internal static class EventsBenchmark
{
    private const int Apps = 10;
    private const int Jobs = 10;
    private const int SpotWarnings = 2;

    public static async Task RunAsync(TextWriter output, TimeSpan steadyWindow, CancellationToken ct)
    {
        var reads = new Dictionary<bool, double>();
        foreach (var events in new[] { true, false })
        {
            var r = await RunOnceAsync(events, steadyWindow, ct);
            reads[events] = r.ReadsPerHour;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                events {(events ? "on " : "off")}: alarm change -> UpdateService p50 {P(r.Alarm, 50)} s, p99 {P(r.Alarm, 99)} s ({r.Alarm.Count}/{Apps});
                            Job task stopped -> Job status written p50 {P(r.Job, 50)} s, p99 {P(r.Job, 99)} s ({r.Job.Count}/{Jobs});
                            Spot warning -> instance DRAINING p50 {P(r.Spot, 50)} s, max {P(r.Spot, 100)} s ({r.Spot.Count}/{SpotWarnings} within 20 s);
                            steady-state ECS reads {r.ReadsPerHour:0} per hour ({r.Reads} in {steadyWindow.TotalSeconds:0} s)
                """));
        }
        if (reads[false] > 0)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"steady-state ECS reads with events: {reads[true] / reads[false]:0.00} of the polling figure (target at most 0.20)"));
    }

    private static string P(List<double> values, int percentile) =>
        values.Count == 0 ? "-" : ScalingBenchmark.Pct(values, percentile).ToString("0.00", CultureInfo.InvariantCulture);

    private sealed record Result(List<double> Alarm, List<double> Job, List<double> Spot, long Reads, double ReadsPerHour);

    private static async Task<Result> RunOnceAsync(bool events, TimeSpan steadyWindow, CancellationToken ct)
    {
        var root = Path.Combine(Path.GetTempPath(), "ecs-operator-bench", "events-" + Guid.NewGuid().ToString("N")[..8]);
        var time = TimeProvider.System;
        var paths = new StatePaths(root);
        using var cloud = new SimulatedCloud(new SimulatorOptions
        {
            ThrottlingEnabled = false,
            Timings = TaskTimings.Instant with { Pending = TimeSpan.FromMilliseconds(200) },
        }, time);
        cloud.Control.EnsureDefaultCluster(instanceCount: 6, instanceType: "m5.4xlarge", maxInstances: 12);
        var store = new LocalResourceStore(paths, time);
        var metrics = new Core.Controller.Metrics.OperatorMetrics();
        LocalJobQueue? queue = null;
        if (events)
        {
            queue = new LocalJobQueue(new StatePaths(Path.Combine(root, "aws-events")), time);
            cloud.EmitEvents(body => queue.SendAsync(body, null, CancellationToken.None).GetAwaiter().GetResult());
        }
        var counted = new CountingEcsApi(cloud.Ecs);
        var backends = new OperatorBackends(store, store, store, null, counted, cloud.AutoScaling, cloud.Alarms, cloud.Logs)
        {
            Cloud = cloud, Metrics = metrics, EventsQueue = queue,
        };
        var settings = new OperatorSettings { Controller = new ControllerOptions { ResyncPeriod = TimeSpan.FromMinutes(5) }, MetricsPort = 0 };
        settings.Apps.Clusters.Add("default");
        WebApplication? host = null;
        try
        {
            await store.PutAsync(new ResourceKey(ResourceKind.CapacityPool, "default", "nodes"),
                "apiVersion: ecs.operator/v1\nkind: CapacityPool\nmetadata: {name: nodes}\nspec: {cluster: default, autoScalingGroupName: default-asg, scaleIn: Disabled}\n", null, ct);
            for (var i = 0; i < Apps; i++)
            {
                cloud.Control.SetAlarmState($"app{i}-high", "OK");
                await store.PutAsync(new ResourceKey(ResourceKind.App, "default", $"app{i}"), $"apiVersion: ecs.operator/v1\nkind: App\nmetadata: {{name: app{i}}}\nspec:\n  cluster: default\n  taskDefinition: {{containerDefinitions: [{{name: app, image: 'bench:1', memory: 64}}]}}\n", null, ct);
                await store.PutAsync(new ResourceKey(ResourceKind.ScalePolicy, "default", $"app{i}"), $"apiVersion: ecs.operator/v1\nkind: ScalePolicy\nmetadata: {{name: app{i}}}\nspec: {{targetRef: app{i}, minTaskCount: 1, maxTaskCount: [4], idleTimeSeconds: 0, upscaleTriggers: [{{alarmName: app{i}-high}}]}}\n", null, ct);
            }
            host = OperatorHost.Build(backends, settings, time, logging: l => l.SetMinimumLevel(LogLevel.Warning));
            await host.StartAsync(ct);
            await UntilAsync(async () => (await ServicesAsync(cloud)).Count(s => s.Int("runningCount") == 1) == Apps, TimeSpan.FromMinutes(2), ct);
            await Task.Delay(TimeSpan.FromSeconds(3), ct);

            var alarm = await AlarmLatenciesAsync(cloud, ct);
            var job = await JobLatenciesAsync(cloud, store, ct);

            // steady: the alarms still fire, so every App climbs to its maximum at the policy's usual pace; then nothing moves
            await UntilAsync(async () => (await ServicesAsync(cloud)).Count(s => s.Int("runningCount") == 4 && s.Int("desiredCount") == 4) == Apps,
                TimeSpan.FromMinutes(3), ct, required: false);
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            var before = counted.Reads;
            await Task.Delay(steadyWindow, ct);
            var reads = counted.Reads - before;

            var spot = await SpotLatenciesAsync(cloud, ct);
            return new Result(alarm, job, spot, reads, reads * 3600 / steadyWindow.TotalSeconds);
        }
        finally
        {
            if (host is not null)
            {
                await host.StopAsync(CancellationToken.None);
                await host.DisposeAsync();
            }
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Alarms flip to ALARM 1.3 s apart; each latency ends at the first UpdateService raising that App's count.</summary>
    private static async Task<List<double>> AlarmLatenciesAsync(SimulatedCloud cloud, CancellationToken ct)
    {
        var changed = new Dictionary<int, long>();
        var result = new List<double>();
        var watch = Stopwatch.StartNew();
        var next = 0;
        // until every alarm is set and every change has reached its UpdateService (or the minute runs out)
        while (watch.Elapsed < TimeSpan.FromSeconds(60) && (next < Apps || changed.Count > 0))
        {
            if (next < Apps && watch.Elapsed.TotalSeconds >= next * 1.3)
            {
                cloud.Control.SetAlarmState($"app{next}-high", "ALARM");
                changed[next] = Stopwatch.GetTimestamp();
                next++;
            }
            var services = await ServicesAsync(cloud);
            foreach (var (i, at) in changed.ToList())
            {
                if (services.FirstOrDefault(s => s.Str("serviceName") == $"app{i}") is { } s && s.Int("desiredCount") > 1)
                {
                    result.Add(Stopwatch.GetElapsedTime(at).TotalSeconds);
                    changed.Remove(i);
                }
            }
            await Task.Delay(20, ct);
        }
        return result;
    }

    /// <summary>Jobs that run one second; each latency runs from the task's stoppedAt to the status saying Succeeded.</summary>
    private static async Task<List<double>> JobLatenciesAsync(SimulatedCloud cloud, LocalResourceStore store, CancellationToken ct)
    {
        var keys = Enumerable.Range(0, Jobs).Select(i => new ResourceKey(ResourceKind.Job, "default", $"job{i}")).ToList();
        foreach (var key in keys)
        {
            await store.PutAsync(key, $"apiVersion: ecs.operator/v1\nkind: Job\nmetadata:\n  name: {key.Name}\n  annotations: {{simulator.ecs.operator/run-seconds: \"1\"}}\nspec:\n  cluster: default\n  taskDefinition: {{containerDefinitions: [{{name: app, image: 'job:1', memory: 64}}]}}\n", null, ct);
        }
        var stoppedAt = new Dictionary<ResourceKey, DateTimeOffset>();
        var result = new List<double>();
        var watch = Stopwatch.StartNew();
        var left = keys.ToHashSet();
        while (left.Count > 0 && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var key in left.ToList())
            {
                var status = (await store.GetAsync(key, ct))?.Status;
                if (status.Arr("taskArns").Strings().LastOrDefault() is not { } arn) continue;
                if (!stoppedAt.ContainsKey(key))
                {
                    var (tasks, _) = await cloud.Ecs.DescribeTasksAsync("default", [arn], ct);
                    // ECS JSON timestamps are epoch seconds
                    if (tasks.FirstOrDefault()?["stoppedAt"] is JsonValue v && v.TryGetValue<double>(out var epoch))
                        stoppedAt[key] = DateTimeOffset.UnixEpoch.AddSeconds(epoch);
                }
                if (status.Str("phase") is "Succeeded" or "Failed" && stoppedAt.TryGetValue(key, out var stopped))
                {
                    result.Add((DateTimeOffset.UtcNow - stopped).TotalSeconds);
                    left.Remove(key);
                }
            }
            await Task.Delay(20, ct);
        }
        return result;
    }

    private static async Task<List<double>> SpotLatenciesAsync(SimulatedCloud cloud, CancellationToken ct)
    {
        var group = (await cloud.AutoScaling.DescribeAutoScalingGroupsAsync(["default-asg"], ct)).Single();
        var result = new List<double>();
        foreach (var victim in group.Instances.Where(i => i.LifecycleState == "InService").Take(SpotWarnings).Select(i => i.InstanceId))
        {
            cloud.Control.InterruptSpotInstance(victim); // with events on, the simulator also puts the warning on the queue
            var started = Stopwatch.GetTimestamp();
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                var arns = await cloud.Ecs.ListContainerInstancesAsync("default", null, ct);
                var all = await cloud.Ecs.DescribeContainerInstancesAsync("default", arns, ct);
                if (all.FirstOrDefault(i => i.Str("ec2InstanceId") == victim)?.Str("status") == "DRAINING")
                {
                    result.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                    break;
                }
                await Task.Delay(20, ct);
            }
        }
        return result;
    }

    private static async Task<IReadOnlyList<JsonObject>> ServicesAsync(SimulatedCloud cloud)
    {
        var arns = await cloud.Ecs.ListServicesAsync("default", CancellationToken.None);
        return (await cloud.Ecs.DescribeServicesAsync("default", arns, CancellationToken.None)).Services;
    }

    /// <param name="required">Throw when <paramref name="limit"/> passes first (else carry on).</param>
    private static async Task UntilAsync(Func<Task<bool>> done, TimeSpan limit, CancellationToken ct, bool required = true)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            if (watch.Elapsed > limit && !required) return;
            if (watch.Elapsed > limit) throw new TimeoutException($"benchmark world not ready within {limit}");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Counts the operator's ECS read calls (Describe*, List*).</summary>
    private sealed class CountingEcsApi(IEcsApi inner) : IEcsApi
    {
        private long reads;

        public long Reads => Interlocked.Read(ref reads);

        public Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
        {
            if (action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal)) Interlocked.Increment(ref reads);
            return inner.SendAsync(action, request, ct);
        }
    }
}
