using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Aws.Resilience;
using EcsOperator.Aws.Tests.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.TestUtilities.Moto;
using Xunit.Abstractions;

namespace EcsOperator.Aws.Tests.Resilience;

/// <summary>A measurement, not a timed assertion: a burst of 200 RegisterTaskDefinition calls against moto goes out at
/// the bucket's 20 burst + 1/s, here with the rate scaled by <see cref="Factor"/> so the run takes seconds.</summary>
[Collection(AwsClientsMotoCollection.Name)]
public sealed class BucketRateBenchmarkTests(MotoServer moto, ITestOutputHelper output)
{
    private const double Factor = 50;
    private const int Calls = 200;

    [SkippableFact]
    public async Task Burst_of_200_RegisterTaskDefinition_calls_is_paced_at_20_burst_plus_the_scaled_refill()
    {
        moto.SkipIfUnavailable();
        var observer = new RecordingObserver();
        using var aws = AwsClientsMoto.Create(moto, new AwsClientOptions { RateFactor = Factor, Observer = observer });
        var family = AwsClientsMoto.Unique("burst");
        await aws.Ecs.SendAsync("ListClusters", [], default); // warm moto's ECS backend (does not use the task-definition bucket)

        var started = Stopwatch.GetTimestamp();
        var completed = new double[Calls];
        await Task.WhenAll(Enumerable.Range(0, Calls).Select(async i =>
        {
            await aws.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, JsonNode.Parse($$"""
                { "family": "{{family}}", "containerDefinitions": [ { "name": "app", "image": "nginx:{{i}}", "memory": 32 } ] }
                """)!.AsObject(), default);
            completed[i] = Stopwatch.GetElapsedTime(started).TotalSeconds;
        }));
        var total = Stopwatch.GetElapsedTime(started).TotalSeconds;

        Array.Sort(completed);
        var afterBurst = (Calls - 20) / (completed[^1] - completed[19]);
        var expected = 1 * Factor;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Calls} RegisterTaskDefinition in {total:F2} s; first 20 done at {completed[19]:F2} s; after the burst {afterBurst:F1} calls/s " +
            $"(bucket refill {expected:F0}/s = 1/s x {Factor}); mean bucket wait {observer.Calls.Average(c => c.BucketWait.TotalSeconds):F2} s"));

        // Every call completed (each awaited without error). moto numbers concurrent registrations of one family
        // without a lock, so two may share a revision: the listing may show one fewer than the calls that succeeded.
        Assert.All(completed, c => Assert.True(c > 0));
        Assert.InRange((await aws.Ecs.ListTaskDefinitionsAsync(family, null, default)).Count, Calls - 5, Calls);
        // Generous bounds: the refill cannot be beaten, and the burst is not serialised behind it.
        Assert.True(afterBurst < expected * 1.5, $"{afterBurst:F1} calls/s after the burst exceeds the bucket's {expected}/s");
        Assert.True(total > (Calls - 20) / expected * 0.7, $"{Calls} calls took only {total:F2} s");
        Assert.True(completed[19] < (Calls - 20) / expected / 2, $"the burst of 20 took {completed[19]:F2} s");
    }
}
