using System.Threading.RateLimiting;

namespace EcsOperator.Aws.Resilience;

/// <summary>
/// One <see cref="TokenBucketRateLimiter"/> per throttled group. The buckets pace in real (monotonic) time, whatever
/// <see cref="TimeProvider"/> the clients use: they exist to protect a real AWS account, and
/// <see cref="TokenBucketRateLimiter"/> measures its refill with the system stopwatch. (The simulator throttles from
/// the same table, <see cref="Core.Aws.EcsThrottleTable"/>, on its own clock.) Tests observe the rate by scaling it with
/// <see cref="AwsClientOptions.RateFactor"/>.
/// </summary>
internal sealed class AwsTokenBuckets : IDisposable
{
    private readonly Dictionary<AwsApiGroup, TokenBucketRateLimiter> _limiters = [];

    public AwsTokenBuckets(AwsClientOptions options)
    {
        if (!options.ThrottleEnabled) return;
        foreach (var (group, limit) in options.Buckets)
        {
            var perSecond = limit.PerSecond * options.RateFactor;
            // Refill in steps of about 100 ms (at least one token per step) so high rates do not need a fine timer.
            var tokensPerPeriod = Math.Max(1, (int)Math.Round(perSecond / 10));
            var period = TimeSpan.FromSeconds(tokensPerPeriod / perSecond);
            var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit.Burst,
                TokensPerPeriod = tokensPerPeriod,
                ReplenishmentPeriod = period,
                AutoReplenishment = true,
                QueueLimit = 1_000_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            _limiters[group] = limiter;
        }
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
