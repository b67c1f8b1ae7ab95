using EcsOperator.Core.Aws;

namespace EcsOperator.Simulator.Api;

/// <summary>A token bucket on the simulation's TimeProvider: <c>Burst</c> tokens, refilled at <c>RatePerSecond</c>.</summary>
internal sealed class TokenBucket(double burst, double ratePerSecond, DateTimeOffset now)
{
    private double _tokens = burst;
    private DateTimeOffset _last = now;

    public double Burst { get; } = burst;

    public double RatePerSecond { get; } = ratePerSecond;

    public bool TryTake(DateTimeOffset now)
    {
        if (now > _last)
        {
            _tokens = Math.Min(Burst, _tokens + (now - _last).TotalSeconds * RatePerSecond);
            _last = now;
        }
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }
}

/// <summary>
/// ECS's request throttles (account and region wide), one bucket per category of <see cref="EcsThrottleTable"/> with its
/// quota multiplied by the simulator's rate factor. A call that finds its bucket empty is refused as ECS refuses it.
/// </summary>
internal sealed class EcsThrottles
{
    private readonly Dictionary<EcsThrottleGroup, TokenBucket> _buckets;
    private readonly Lock _gate = new();

    /// <param name="factor">Multiplies every bucket's burst and refill; values that are not positive mean 1.</param>
    public EcsThrottles(double factor, DateTimeOffset now)
    {
        var f = factor > 0 && !double.IsInfinity(factor) ? factor : 1.0;
        _buckets = EcsThrottleTable.Scaled(f).ToDictionary(kv => kv.Key, kv => new TokenBucket(kv.Value.Burst, kv.Value.PerSecond, now));
    }

    public bool TryAcquire(string action, DateTimeOffset now)
    {
        lock (_gate) return _buckets[EcsThrottleTable.GroupOf(action)].TryTake(now);
    }
}
