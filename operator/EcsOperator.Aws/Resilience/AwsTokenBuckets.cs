using System.Threading.RateLimiting;

namespace EcsOperator.Aws.Resilience;

/// <summary>
/// One token bucket per throttled group. Buckets are refilled by a <see cref="TimeProvider"/> timer (not the limiter's
/// own wall-clock timer), so a fake clock drives them deterministically in tests.
/// </summary>
internal sealed class AwsTokenBuckets : IDisposable
{
    private readonly Dictionary<AwsApiGroup, TokenBucketRateLimiter> _limiters = [];
    private readonly List<ITimer> _timers = [];

    public AwsTokenBuckets(AwsClientOptions options, TimeProvider time)
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
                AutoReplenishment = false,
                QueueLimit = 1_000_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            _limiters[group] = limiter;
            _timers.Add(time.CreateTimer(static s => ((TokenBucketRateLimiter)s!).TryReplenish(), limiter, period, period));
        }
    }

    /// <summary>The group's limiter, or null when the group is not paced.</summary>
    public RateLimiter? For(AwsApiGroup group) => _limiters.GetValueOrDefault(group);

    /// <summary>Tokens available right now (for tests and diagnostics); null when the group is not paced.</summary>
    public long? Available(AwsApiGroup group) => _limiters.TryGetValue(group, out var l) ? l.GetStatistics()?.CurrentAvailablePermits : null;

    public void Dispose()
    {
        foreach (var t in _timers) t.Dispose();
        foreach (var l in _limiters.Values) l.Dispose();
    }
}
