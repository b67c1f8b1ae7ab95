using EcsOperator.Backends;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Simulator;
using EcsOperator.TestUtilities.Contracts.Ecs;

namespace EcsOperator.Tests.Hosting;

/// <summary>The host's pacing in front of the simulator: the throttle table's buckets (scaled like the simulator's),
/// and throttles that happen anyway retried by the Polly pipeline. Real clock, so the rate factor keeps it short.</summary>
public sealed class PacedEcsApiTests : IDisposable
{
    private const double Factor = 20;
    private readonly SimulatedCloud cloud = new(new SimulatorOptions { ThrottlingEnabled = true, ThrottleRateFactor = Factor }, TimeProvider.System);
    private readonly OperatorMetrics metrics = new();

    public void Dispose() => cloud.Dispose();

    private long Throttled(string action) => metrics.AwsCalls.GetValueOrDefault(("ecs", action, "throttled-retried"));

    [Fact]
    public async Task Calls_past_the_burst_wait_for_a_token_instead_of_being_throttled_by_ecs()
    {
        using var paced = new PacedEcsApi(cloud.Ecs, TimeProvider.System, Factor, metrics);
        var limit = EcsThrottleTable.LimitOf(EcsAction.RegisterTaskDefinition).Scaled(Factor);
        var extra = 2 * (int)limit.PerSecond; // two seconds of refill past the burst
        var calls = limit.Burst + extra;

        await Task.WhenAll(Enumerable.Range(0, calls).Select(i => paced.SendAsync(EcsAction.RegisterTaskDefinition, EcsSamples.TaskDefinition("paced" + i), default)));

        // Unpaced, about `extra` calls would find the simulator's bucket empty. The client's bucket refills in steps that
        // are not in phase with the simulator's continuous refill, so it may run a step ahead a few times; those calls
        // are throttled and retried by the pipeline, and every call succeeds.
        var throttled = Throttled(EcsAction.RegisterTaskDefinition);
        Assert.True(throttled <= extra / 10, $"{throttled} of {calls} calls were throttled by the simulator");
        Assert.True(cloud.EcsCallCounts[EcsAction.RegisterTaskDefinition] >= calls);
    }

    [Fact]
    public async Task A_throttle_that_happens_anyway_is_retried_once_per_attempt_by_the_pipeline()
    {
        using var paced = new PacedEcsApi(cloud.Ecs, TimeProvider.System, Factor, metrics);
        cloud.Control.FailNext(EcsAction.RegisterTaskDefinition, "ThrottlingException", "Rate exceeded", times: 2);

        var response = await paced.SendAsync(EcsAction.RegisterTaskDefinition, EcsSamples.TaskDefinition("retried"), default);

        Assert.NotNull(response["taskDefinition"]);
        Assert.Equal(3, cloud.EcsCallCounts[EcsAction.RegisterTaskDefinition]);
        Assert.Equal(1, Throttled(EcsAction.RegisterTaskDefinition));
    }

    [Fact]
    public async Task An_error_that_is_not_transient_is_not_retried()
    {
        using var paced = new PacedEcsApi(cloud.Ecs, TimeProvider.System, Factor, metrics);
        var e = await Assert.ThrowsAsync<AwsApiException>(() => paced.SendAsync(EcsAction.DescribeServices, new() { ["cluster"] = "missing", ["services"] = new System.Text.Json.Nodes.JsonArray("s") }, default));

        Assert.False(e.IsTransient);
        Assert.Equal(1, cloud.EcsCallCounts[EcsAction.DescribeServices]);
    }
}
