using System.Diagnostics;
using System.Globalization;
using EcsOperator.Aws.Resilience;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;
using Xunit.Abstractions;

namespace EcsOperator.Aws.Tests.Resilience;

/// <summary>The client-side buckets on their own (no server). They pace in real time, so the rate is measured with a
/// scaled factor and only bounded from above (a bucket can never be beaten, however loaded the machine is).</summary>
public sealed class TokenBucketTests(ITestOutputHelper output)
{
    private static int Drain(AwsTokenBuckets buckets, EcsThrottleGroup group)
    {
        var limiter = buckets.For(AwsApiGroup.Ecs(group))!;
        var taken = 0;
        while (true)
        {
            using var lease = limiter.AttemptAcquire(1);
            if (!lease.IsAcquired) return taken;
            taken++;
        }
    }

    [Theory]
    [InlineData(EcsThrottleGroup.TaskDefinitionModify, 20)]
    [InlineData(EcsThrottleGroup.ServiceModify, 50)]
    [InlineData(EcsThrottleGroup.ClusterResourceModify, 100)]
    [InlineData(EcsThrottleGroup.ServiceRead, 100)]
    [InlineData(EcsThrottleGroup.ClusterModify, 20)]
    [InlineData(EcsThrottleGroup.TagModify, 20)]
    [InlineData(EcsThrottleGroup.TaskDefinitionDelete, 5)]
    public void Each_ecs_group_allows_exactly_its_documented_burst(EcsThrottleGroup group, int burst)
    {
        using var buckets = new AwsTokenBuckets(new AwsClientOptions());
        Assert.Equal(burst, Drain(buckets, group));
    }

    [Fact]
    public void The_client_buckets_are_the_throttle_table_for_every_ecs_category()
    {
        using var buckets = new AwsTokenBuckets(new AwsClientOptions());
        foreach (var (group, limit) in EcsThrottleTable.Limits) Assert.Equal(limit.Burst, Drain(buckets, group));
        foreach (var action in AwsApiModel.Ecs.Actions)
            Assert.Equal(AwsApiGroup.Ecs(EcsThrottleTable.GroupOf(action)), AwsApiGroup.ForEcsAction(action));
    }

    [Theory]
    [InlineData(EcsThrottleGroup.TaskDefinitionModify, 1, 100)]
    [InlineData(EcsThrottleGroup.ServiceModify, 5, 20)]
    [InlineData(EcsThrottleGroup.ClusterResourceModify, 40, 5)]
    [InlineData(EcsThrottleGroup.ServiceRead, 20, 5)]
    public async Task Refill_after_the_burst_never_exceeds_the_scaled_documented_rate(EcsThrottleGroup group, double perSecond, double factor)
    {
        using var buckets = new AwsTokenBuckets(new AwsClientOptions { RateFactor = factor });
        var limiter = buckets.For(AwsApiGroup.Ecs(group))!;
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
        Assert.Null(off.For(AwsApiGroup.Ecs(EcsThrottleGroup.TaskDefinitionModify)));
        using var on = new AwsTokenBuckets(new AwsClientOptions());
        Assert.Null(on.For(AwsApiGroup.Logs));
        Assert.Null(on.For(AwsApiGroup.AutoScaling));
        Assert.Equal(20, on.Available(AwsApiGroup.Ecs(EcsThrottleGroup.TaskDefinitionModify)));
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_field_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AwsCallRunner(new AwsClientOptions { RateFactor = 0 }, TimeProvider.System));
        Assert.Equal(nameof(AwsClientOptions.RateFactor), e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AwsCallRunner(new AwsClientOptions { AttemptTimeout = TimeSpan.Zero }, TimeProvider.System));
        using var untimed = new AwsCallRunner(new AwsClientOptions { AttemptTimeout = Timeout.InfiniteTimeSpan }, TimeProvider.System);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AwsCallRunner(
            new AwsClientOptions { Buckets = new Dictionary<AwsApiGroup, TokenBucketLimit> { [AwsApiGroup.Logs] = new(0, 1) } }, TimeProvider.System));
    }
}
