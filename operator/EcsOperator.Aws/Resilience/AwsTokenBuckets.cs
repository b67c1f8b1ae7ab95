using System.Threading.RateLimiting;

namespace EcsOperator.Aws.Resilience;

/// <summary>
/// One <see cref="ContinuousTokenBucket"/> per throttled group. The buckets pace in real (monotonic) time, whatever
/// <see cref="TimeProvider"/> the clients use: they exist to protect a real AWS account (or the simulator's buckets,
/// which follow the same table, <see cref="Core.Aws.EcsThrottleTable"/>). Tests observe the rate by scaling it with
/// <see cref="AwsClientOptions.RateFactor"/>.
/// </summary>
internal sealed class AwsTokenBuckets : IDisposable
{
    private readonly Dictionary<AwsApiGroup, RateLimiter> _limiters = [];

    public AwsTokenBuckets(AwsClientOptions options)
    {
        if (!options.ThrottleEnabled) return;
        foreach (var (group, limit) in options.Buckets)
            _limiters[group] = new ContinuousTokenBucket(limit.Burst, limit.PerSecond * options.RateFactor, TimeProvider.System);
    }

    /// <summary>The group's limiter, or null when the group is not paced.</summary>
    public RateLimiter? For(AwsApiGroup group) => _limiters.GetValueOrDefault(group);

    /// <summary>Tokens available right now (for tests and diagnostics); null when the group is not paced.</summary>
    public long? Available(AwsApiGroup group) => _limiters.TryGetValue(group, out var l) ? l.GetStatistics()?.CurrentAvailablePermits : null;

    public void Dispose()
    {
        foreach (var l in _limiters.Values) l.Dispose();
    }
}
