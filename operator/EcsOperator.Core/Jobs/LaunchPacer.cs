using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// Paces RunTask calls under ECS's documented RunTask throttle (a token bucket: 100 burst, 40 per second refill)
/// so a burst of Jobs launches at the bound instead of hammering ECS into throttling errors. A Job that finds no
/// token gets a reserved slot in the future (the bucket goes into debt, like a reservation) and is requeued exactly
/// for it; when it returns, the slot is its own. Shared by all Job reconciles of an operator.
/// </summary>
public sealed class LaunchPacer
{
    private readonly TimeProvider time;
    private readonly double burst;
    private readonly double rate;
    private readonly Dictionary<ResourceKey, DateTimeOffset> reservations = [];
    private readonly Lock gate = new();
    private double tokens;
    private DateTimeOffset last;

    /// <param name="rateFactor">Scales burst and rate together (the simulator's throttle factor, a raised account limit).</param>
    public LaunchPacer(TimeProvider time, double burst = 100, double ratePerSecond = 40, double rateFactor = 1.0)
    {
        this.time = time;
        this.burst = Math.Max(1, burst * rateFactor);
        rate = Math.Max(0.001, ratePerSecond * rateFactor);
        tokens = this.burst;
        last = time.GetUtcNow();
    }

    /// <summary>Zero when <paramref name="job"/> may call RunTask now; otherwise how long until its reserved slot.</summary>
    public TimeSpan Reserve(ResourceKey job)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now > last)
            {
                tokens = Math.Min(burst, tokens + ((now - last).TotalSeconds * rate));
                last = now;
            }
            if (reservations.TryGetValue(job, out var at))
            {
                if (at > now) return at - now;
                reservations.Remove(job);
                return TimeSpan.Zero;
            }
            tokens -= 1;
            if (tokens >= 0) return TimeSpan.Zero;
            var wait = TimeSpan.FromSeconds(-tokens / rate);
            reservations[job] = now + wait;
            return wait;
        }
    }

    /// <summary>Forgets a reservation whose Job no longer needs it (finished, deleted).</summary>
    public void Release(ResourceKey job)
    {
        lock (gate) reservations.Remove(job);
    }
}
