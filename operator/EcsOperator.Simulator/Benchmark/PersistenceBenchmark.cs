using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;

namespace EcsOperator.Simulator;

/// <summary>
/// What write-through persistence costs: a persisted simulator holding <c>services</c> services (four running tasks
/// each) answers RunTask from one caller and from <c>parallel</c> callers, once with the debounced save alone and once
/// with every mutating call saved before it is answered. Throttles off, wall clock, a temporary state directory.
/// </summary>
public static class PersistenceBenchmark
{
    public static void Run(TextWriter output, int services = 250, int parallel = 16, TimeSpan? measureFor = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var window = measureFor ?? TimeSpan.FromSeconds(3);
        foreach (var writeThrough in new[] { false, true })
        {
            var dir = Path.Combine(Path.GetTempPath(), "ecs-operator-bench-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var options = new SimulatorOptions
                {
                    StateDirectory = dir, ThrottlingEnabled = false, Timings = TaskTimings.Instant, WriteThrough = writeThrough,
                };
                using var cloud = new SimulatedCloud(options, TimeProvider.System);
                Build(cloud, services);
                cloud.Flush();
                var bytes = new FileInfo(Path.Combine(dir, "state.json")).Length;
                var one = Measure(cloud.Ecs, 1, window);
                var many = Measure(cloud.Ecs, parallel, window);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"simulator: RunTask persisted ({(writeThrough ? "write-through" : "debounced only")}, state {bytes / 1024} KiB): 1 caller {one:F0} calls/s, {parallel} callers {many:F0} calls/s"));
            }
            finally
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temporary directory is harmless.
                }
            }
        }
    }

    private static void Build(SimulatedCloud cloud, int services)
    {
        cloud.Control.CreateCluster("bench");
        cloud.Control.SetFamilyWorkload("bench", new WorkloadBehavior { RunForever = true });
        Send(cloud.Ecs, EcsAction.RegisterTaskDefinition, new JsonObject
        {
            ["family"] = "bench", ["requiresCompatibilities"] = new JsonArray("FARGATE"), ["networkMode"] = "awsvpc",
            ["cpu"] = "256", ["memory"] = "512",
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "app:1", ["essential"] = true }),
        });
        for (var i = 0; i < services; i++)
        {
            Send(cloud.Ecs, EcsAction.CreateService, new JsonObject
            {
                ["cluster"] = "bench", ["serviceName"] = "svc-" + i.ToString("D5", CultureInfo.InvariantCulture),
                ["taskDefinition"] = "bench", ["desiredCount"] = 4, ["launchType"] = "FARGATE",
                ["networkConfiguration"] = new JsonObject { ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray("subnet-1") } },
            });
        }
    }

    private static double Measure(IEcsApi ecs, int callers, TimeSpan window)
    {
        var sw = Stopwatch.StartNew();
        var counts = new long[callers];
        Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, c =>
        {
            while (sw.Elapsed < window)
            {
                Send(ecs, EcsAction.RunTask, new JsonObject
                {
                    ["cluster"] = "bench", ["taskDefinition"] = "bench", ["launchType"] = "FARGATE", ["startedBy"] = "bench",
                    ["networkConfiguration"] = new JsonObject { ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray("subnet-1") } },
                });
                counts[c]++;
            }
        });
        return counts.Sum() / sw.Elapsed.TotalSeconds;
    }

    private static JsonObject Send(IEcsApi ecs, string action, JsonObject request) =>
        ecs.SendAsync(action, request, CancellationToken.None).GetAwaiter().GetResult();
}
