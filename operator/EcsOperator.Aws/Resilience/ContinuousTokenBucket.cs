using System.Threading.RateLimiting;

namespace EcsOperator.Aws.Resilience;

/// <summary>
/// A token bucket that refills from the time actually elapsed and hands out reservations: a caller past the burst
/// waits exactly until its token exists, in order of arrival. <see cref="TokenBucketRateLimiter"/> with automatic
/// replenishment adds a fixed number of tokens per timer tick instead, so on a busy machine, where ticks run late, it
/// refills more slowly than its nominal rate and paces below the quota it is meant to use.
/// </summary>
internal sealed class ContinuousTokenBucket : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true);
    private static readonly RateLimitLease Denied = new Lease(false);
    private readonly Lock _gate = new();
    private readonly int _burst;
    private readonly double _perSecond;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    public ContinuousTokenBucket(int burst, double perSecond, TimeProvider time)
    {
        if (burst < 1 || !(perSecond > 0)) throw new ArgumentOutOfRangeException(nameof(burst), "burst must be >= 1 and the rate > 0");
        _burst = burst;
        _perSecond = perSecond;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Refill();
            return new RateLimiterStatistics { CurrentAvailablePermits = (long)Math.Floor(Math.Max(0, _tokens)) };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            Refill();
            if (_tokens < Math.Max(1, permitCount)) return Denied;
            _tokens -= permitCount;
            return Granted;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            Refill();
            _tokens -= permitCount;
            wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }
        if (wait <= TimeSpan.Zero) return Granted;
        try
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The reservation is given back: its token goes to the next caller.
            lock (_gate) _tokens = Math.Min(_burst, _tokens + permitCount);
            throw;
        }
        return Granted;
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + _time.GetElapsedTime(_last, now).TotalSeconds * _perSecond);
        _last = now;
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
