using System.Diagnostics;
using System.Globalization;
using EcsOperator.Aws.Resilience;
using Xunit.Abstractions;

namespace EcsOperator.Aws.Tests.Resilience;

/// <summary>The client-side buckets on their own (no server). They pace in real time, so the rate is measured with a
/// scaled factor and only bounded from above (a bucket can never be beaten, however loaded the machine is).</summary>
public sealed class TokenBucketTests(ITestOutputHelper output)
{
    private static int Drain(AwsTokenBuckets buckets, AwsApiGroup group)
    {
        var limiter = buckets.For(group)!;
        var taken = 0;
        while (true)
        {
            using var lease = limiter.AttemptAcquire(1);
            if (!lease.IsAcquired) return taken;
            taken++;
        }
    }

    [Theory]
    [InlineData(AwsApiGroup.EcsTaskDefinitionModify, 20)]
    [InlineData(AwsApiGroup.EcsServiceModify, 50)]
    [InlineData(AwsApiGroup.EcsClusterResourceModify, 100)]
    [InlineData(AwsApiGroup.EcsRead, 100)]
    public void Each_ecs_group_allows_exactly_its_documented_burst(AwsApiGroup group, int burst)
    {
        using var buckets = new AwsTokenBuckets(new AwsClientOptions());
        Assert.Equal(burst, Drain(buckets, group));
    }

    [Theory]
    [InlineData(AwsApiGroup.EcsTaskDefinitionModify, 1, 100)]
    [InlineData(AwsApiGroup.EcsServiceModify, 5, 20)]
    [InlineData(AwsApiGroup.EcsClusterResourceModify, 40, 5)]
    [InlineData(AwsApiGroup.EcsRead, 20, 5)]
    public async Task Refill_after_the_burst_never_exceeds_the_scaled_documented_rate(AwsApiGroup group, double perSecond, double factor)
    {
        using var buckets = new AwsTokenBuckets(new AwsClientOptions { RateFactor = factor });
        var limiter = buckets.For(group)!;
        Drain(buckets, group);
        var expected = perSecond * factor;
        var n = (int)(expected * 0.6); // about 0.6 s of refill
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            using var lease = await limiter.AcquireAsync(1);
            Assert.True(lease.IsAcquired);
        }
        var rate = n / clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group}: {rate:F1} acquisitions/s after the burst, bucket rate {expected}/s"));
        Assert.True(rate < expected * 1.25, $"{rate:F1}/s exceeds {expected}/s");
    }

    [Fact]
    public void Disabled_throttle_and_unpaced_groups_have_no_bucket()
    {
        using var off = new AwsTokenBuckets(new AwsClientOptions { ThrottleEnabled = false });
        Assert.Null(off.For(AwsApiGroup.EcsTaskDefinitionModify));
        using var on = new AwsTokenBuckets(new AwsClientOptions());
        Assert.Null(on.For(AwsApiGroup.Logs));
        Assert.Null(on.For(AwsApiGroup.AutoScaling));
        Assert.Equal(20, on.Available(AwsApiGroup.EcsTaskDefinitionModify));
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_field_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AwsCallRunner(new AwsClientOptions { RateFactor = 0 }, TimeProvider.System));
        Assert.Equal(nameof(AwsClientOptions.RateFactor), e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AwsCallRunner(
            new AwsClientOptions { Buckets = new Dictionary<AwsApiGroup, TokenBucketLimit> { [AwsApiGroup.Logs] = new(0, 1) } }, TimeProvider.System));
    }
}
