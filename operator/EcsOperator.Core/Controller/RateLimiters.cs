namespace EcsOperator.Core.Controller;

/// <summary>Decides how long an item waits before it is retried (client-go's RateLimiter).</summary>
internal interface IRateLimiter<in T>
{
    TimeSpan When(T item);

    void Forget(T item);

    int NumRequeues(T item);
}

/// <summary>Per-item exponential backoff: base·2^(failures-1), capped.</summary>
internal sealed class ExponentialFailureRateLimiter<T>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<T> where T : notnull
{
    private readonly Dictionary<T, int> failures = [];

    public TimeSpan When(T item)
    {
        lock (failures)
        {
            var n = failures.GetValueOrDefault(item);
            failures[item] = n + 1;
            var ticks = baseDelay.Ticks * Math.Pow(2, Math.Min(n, 62));
            return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
        }
    }

    public void Forget(T item)
    {
        lock (failures) failures.Remove(item);
    }

    public int NumRequeues(T item)
    {
        lock (failures) return failures.GetValueOrDefault(item);
    }
}

/// <summary>An overall token bucket (qps refill, burst capacity); each When reserves one token.</summary>
internal sealed class TokenBucketRateLimiter<T>(double qps, int burst, TimeProvider time) : IRateLimiter<T>
{
    private readonly Lock gate = new();
    private double tokens = burst;
    private DateTimeOffset last = time.GetUtcNow();

    public TimeSpan When(T item)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            tokens = Math.Min(burst, tokens + Math.Max(0, (now - last).TotalSeconds) * qps);
            last = now;
            tokens -= 1;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / qps);
        }
    }

    public void Forget(T item) { }

    public int NumRequeues(T item) => 0;
}

/// <summary>The slowest of several limiters (client-go's MaxOfRateLimiter).</summary>
internal sealed class MaxOfRateLimiter<T>(params IRateLimiter<T>[] limiters) : IRateLimiter<T>
{
    public TimeSpan When(T item)
    {
        var max = TimeSpan.Zero;
        foreach (var l in limiters)
        {
            var d = l.When(item);
            if (d > max) max = d;
        }
        return max;
    }

    public void Forget(T item)
    {
        foreach (var l in limiters) l.Forget(item);
    }

    public int NumRequeues(T item) => limiters.Max(l => l.NumRequeues(item));
}

internal static class RateLimiters
{
    /// <summary>client-go's default: 5 ms → 1000 s per item, and 10 qps / 100 burst overall, whichever is slower.</summary>
    public static IRateLimiter<T> Default<T>(TimeProvider time) where T : notnull =>
        new MaxOfRateLimiter<T>(
            new ExponentialFailureRateLimiter<T>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)),
            new TokenBucketRateLimiter<T>(10, 100, time));
}
