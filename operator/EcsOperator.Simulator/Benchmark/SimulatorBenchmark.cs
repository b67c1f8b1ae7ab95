using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Simulator;

/// <summary>
/// How fast the simulator answers the operator's read path at scale: builds <c>services</c> services with
/// <c>tasksPerService</c> running Fargate tasks each, then measures DescribeServices (10 names) and DescribeTasks
/// (100 ARNs) calls per second on one thread. Throttles off, wall clock.
/// </summary>
public static class SimulatorBenchmark
{
    public static void Run(TextWriter output, int services = 5000, int tasksPerService = 4, TimeSpan? measureFor = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var window = measureFor ?? TimeSpan.FromSeconds(3);
        var options = new SimulatorOptions { ThrottlingEnabled = false, Timings = TaskTimings.Instant };
        using var cloud = new SimulatedCloud(options, TimeProvider.System);
        var ecs = cloud.Ecs;
        var ct = CancellationToken.None;
        cloud.Control.CreateCluster("bench");
        cloud.Control.SetFamilyWorkload("bench", new WorkloadBehavior { RunForever = true });

        var build = Stopwatch.StartNew();
        Send(ecs, EcsAction.RegisterTaskDefinition, new JsonObject
        {
            ["family"] = "bench", ["requiresCompatibilities"] = new JsonArray("FARGATE"), ["networkMode"] = "awsvpc",
            ["cpu"] = "256", ["memory"] = "512",
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "app:1", ["essential"] = true }),
        });
        var names = new List<string>(services);
        for (var i = 0; i < services; i++)
        {
            var name = "svc-" + i.ToString("D5", CultureInfo.InvariantCulture);
            names.Add(name);
            Send(ecs, EcsAction.CreateService, new JsonObject
            {
                ["cluster"] = "bench", ["serviceName"] = name, ["taskDefinition"] = "bench", ["desiredCount"] = tasksPerService,
                ["launchType"] = "FARGATE",
                ["networkConfiguration"] = new JsonObject { ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray("subnet-1") } },
                ["tags"] = new JsonArray(new JsonObject { ["key"] = "ecs.operator/managed", ["value"] = "true" }),
            });
        }
        var taskArns = ecs.ListTasksAsync("bench", ct).GetAwaiter().GetResult();
        build.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulator: built {services} services / {taskArns.Count} tasks in {build.Elapsed.TotalSeconds:F1} s"));

        var random = new Random(7);
        var describeServices = Measure(window, () =>
        {
            var batch = new JsonArray();
            for (var k = 0; k < 10; k++) batch.Add(names[random.Next(names.Count)]);
            var resp = Send(ecs, EcsAction.DescribeServices, new JsonObject { ["cluster"] = "bench", ["services"] = batch, ["include"] = new JsonArray("TAGS") });
            if (resp.Arr("services")!.Count != 10) throw new InvalidOperationException("DescribeServices lost services");
        });
        var describeTasks = Measure(window, () =>
        {
            var batch = new JsonArray();
            var start = random.Next(Math.Max(1, taskArns.Count - 100));
            for (var k = 0; k < 100 && start + k < taskArns.Count; k++) batch.Add(taskArns[start + k]);
            var resp = Send(ecs, EcsAction.DescribeTasks, new JsonObject { ["cluster"] = "bench", ["tasks"] = batch, ["include"] = new JsonArray("TAGS") });
            if (resp.Arr("tasks")!.Count != batch.Count) throw new InvalidOperationException("DescribeTasks lost tasks");
        });
        var listServices = Measure(window, () => ecs.ListServicesAsync("bench", ct).GetAwaiter().GetResult());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulator: DescribeServices(10 names)  {describeServices:F0} calls/s ({describeServices * 10:F0} services/s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulator: DescribeTasks(100 ARNs)     {describeTasks:F0} calls/s ({describeTasks * 100:F0} tasks/s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulator: ListServices (all {services}, 100/page) {listServices:F1} full listings/s"));
    }

    private static JsonObject Send(IEcsApi ecs, string action, JsonObject request) =>
        ecs.SendAsync(action, request, CancellationToken.None).GetAwaiter().GetResult();

    private static double Measure(TimeSpan window, Action call)
    {
        call();
        var sw = Stopwatch.StartNew();
        var n = 0;
        while (sw.Elapsed < window)
        {
            call();
            n++;
        }
        return n / sw.Elapsed.TotalSeconds;
    }
}
