using System.Text.Json.Nodes;
using CsCheck;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Services;

/// <summary>For any desired count and deployment limits that allow progress, a rolling update completes and stays
/// within minimumHealthyPercent (rounded up) and maximumPercent (rounded down) of the desired count.</summary>
public sealed class RolloutPropertyTests
{
    private static readonly Gen<(int Desired, int Min, int Max)> Limits =
        Gen.Select(Gen.Int[1, 8], Gen.Int[0, 2].Select(i => i * 50), Gen.Int[2, 4].Select(i => i * 50))
            .Where(x => Math.Floor(x.Item1 * x.Item3 / 100.0) > Math.Ceiling(x.Item1 * x.Item2 / 100.0));

    [Fact]
    public void Rolling_updates_complete_within_their_limits()
    {
        Limits.Sample(l =>
        {
            var (desired, min, max) = l;
            using var sim = new SimulatedCloudBuilder().WithCluster("c").Build();
            var v1 = sim.RegisterAsync(EcsSamples.FargateTaskDefinition("p")).GetAwaiter().GetResult();
            var v2 = sim.RegisterAsync(EcsSamples.FargateTaskDefinition("p")).GetAwaiter().GetResult();
            var create = EcsSamples.Service("c", "p", v1, desired, new JsonObject { ["minimumHealthyPercent"] = min, ["maximumPercent"] = max });
            create["launchType"] = "FARGATE";
            create["networkConfiguration"] = EcsSamples.AwsvpcConfiguration();
            sim.SendAsync(EcsAction.CreateService, create).GetAwaiter().GetResult();
            sim.Advance(TimeSpan.FromMinutes(2));
            sim.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "c", ["service"] = "p", ["taskDefinition"] = v2 }).GetAwaiter().GetResult();

            var minHealthy = (int)Math.Ceiling(desired * min / 100.0);
            var maxTotal = (int)Math.Floor(desired * max / 100.0);
            for (var second = 0; second < 900; second++)
            {
                var s = sim.ServiceAsync("c", "p").GetAwaiter().GetResult();
                var running = s.Int("runningCount")!.Value;
                var total = running + s.Int("pendingCount")!.Value;
                Assert.True(running >= minHealthy, $"{l}: {running} running < {minHealthy}");
                Assert.True(total <= maxTotal, $"{l}: {total} tasks > {maxTotal}");
                if (s.Arr("deployments")!.Count == 1 && s.Primary().Str("rolloutState") == "COMPLETED" && s.Primary().Str("taskDefinition") == v2) return;
                sim.Advance(TimeSpan.FromSeconds(1));
            }
            Assert.Fail($"{l}: rollout did not complete in 15 minutes");
        }, iter: 25, threads: 1);
    }
}
