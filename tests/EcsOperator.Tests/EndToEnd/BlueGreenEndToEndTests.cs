using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>An App with ECS's native BLUE_GREEN strategy on the operator host and the simulator: the new image runs
/// beside the old one through the bake time, the App reports the new revision rolled out only after blue is gone,
/// and later passes leave the service alone.</summary>
public sealed class BlueGreenEndToEndTests
{
    private static string App(string image) => $$"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata: {name: web}
        spec:
          cluster: default
          replicas: 2
          taskDefinition:
            containerDefinitions:
              - {name: app, image: {{image}}, memory: 128}
          service:
            deploymentConfiguration: {strategy: BLUE_GREEN, bakeTimeInMinutes: 1}
        """;

    private static long Calls(OperatorWorld w, string action) => w.Cloud.EcsCallCounts.GetValueOrDefault(action);

    [Fact]
    public async Task A_new_image_runs_beside_the_old_through_the_bake_and_the_app_is_rolled_out_only_after()
    {
        await using var w = new OperatorWorld();
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", App("nginx:1"));
        var blue = (await w.WaitForAsync("web", OperatorWorld.Available, "Available")).Str("activeTaskDefinition");

        await w.ApplyAsync("web", App("nginx:2"));
        var sawBothRunning = false;
        double? shiftedAt = null;
        JsonObject? done = null;
        await w.WaitAsync(async () =>
        {
            var item = await w.Store.GetAsync(OperatorWorld.Key("web"), default);
            var status = item?.Status;
            var svc = (await w.ServiceAsync("web"))!;
            var deployments = svc.Arr("deployments").Objects().ToList();
            sawBothRunning |= deployments.Count == 2 && svc.Int("runningCount") == 4;
            shiftedAt ??= svc.Arr("events").Objects()
                .FirstOrDefault(e => (e.Str("message") ?? "").Contains("production traffic shifted", StringComparison.Ordinal))?["createdAt"]?.GetValue<double>();
            if (status is null || status.Long("observedGeneration") != item!.Generation || !OperatorWorld.Available(status)
                || status.Str("activeTaskDefinition") == blue) return false;
            // Rolled out means ECS finished: the bake is over and blue is stopped (the service only moves forward).
            Assert.Single(deployments);
            Assert.Equal("COMPLETED", deployments[0].Str("rolloutState"));
            done = status;
            return true;
        }, "the green revision rolled out", seconds: 60);

        Assert.True(sawBothRunning, "blue and green never ran side by side");
        Assert.NotNull(shiftedAt);
        var completedAt = w.Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        Assert.True(completedAt - shiftedAt >= 60, $"rolled out {completedAt - shiftedAt}s after traffic shifted, before the bake time");
        Assert.EndsWith("web:2", done!.Str("activeTaskDefinition"));
        var tasks = await w.Cloud.Ecs.SendAsync(EcsAction.ListTasks, new JsonObject { ["cluster"] = "default", ["serviceName"] = "web" }, default);
        Assert.Equal(2, tasks.Arr("taskArns")!.Count);

        var updates = Calls(w, EcsAction.UpdateService);
        var describes = Calls(w, EcsAction.DescribeServices);
        await w.WaitAsync(() => Task.FromResult(Calls(w, EcsAction.DescribeServices) >= describes + 2), "two more passes", seconds: 90);
        Assert.Equal(updates, Calls(w, EcsAction.UpdateService));
        Assert.DoesNotContain(await w.Store.ListAsync(OperatorWorld.Key("web"), default), e => e.Reason is "Drift");
    }
}
