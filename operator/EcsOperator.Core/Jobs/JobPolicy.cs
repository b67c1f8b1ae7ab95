using EcsOperator.Core.Model;

namespace EcsOperator.Core.Jobs;

/// <summary>The retry and time rules of one Job, from its spec.</summary>
public sealed record JobPolicy(int BackoffLimit, TimeSpan? Timeout, LaunchRetryPolicy LaunchRetry, TimeSpan? TtlAfterFinished)
{
    public static JobPolicy Default { get; } = new(0, null, LaunchRetryPolicy.Default, null);

    public static JobPolicy From(JobSpec spec) => new(
        spec.BackoffLimit,
        spec.TimeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : null,
        LaunchRetryPolicy.From(spec.LaunchRetry ?? new LaunchRetrySpec()),
        spec.TtlSecondsAfterFinished is { } ttl ? TimeSpan.FromSeconds(ttl) : null);
}

/// <summary>How often and how patiently a run that ECS cannot place is retried.</summary>
public sealed record LaunchRetryPolicy(int Limit, TimeSpan InitialInterval, TimeSpan MaxInterval)
{
    /// <summary>The same defaults whether or not a Job writes a <c>launchRetry</c> block: those of <see cref="LaunchRetrySpec"/>,
    /// which the JSON Schema and <c>ecsctl explain</c> document.</summary>
    public static LaunchRetryPolicy Default { get; } = From(new LaunchRetrySpec());

    public static LaunchRetryPolicy From(LaunchRetrySpec spec) => new(
        spec.Limit,
        TimeSpan.FromSeconds(spec.InitialIntervalSeconds),
        TimeSpan.FromSeconds(Math.Max(spec.InitialIntervalSeconds, spec.MaxIntervalSeconds)));

    /// <summary>Delay before try <paramref name="attempt"/>+1 (attempt ≥ 1): exponential, capped, with a jitter in
    /// [50 %, 100 %] drawn from <paramref name="seed"/> so a Job's schedule is stable across restarts.</summary>
    public TimeSpan Delay(int attempt, string seed) => Backoff.Jittered(InitialInterval, MaxInterval, attempt, seed);
}

/// <summary>Exponential backoff with deterministic jitter.</summary>
public static class Backoff
{
    public static TimeSpan Jittered(TimeSpan initial, TimeSpan max, int attempt, string seed)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var raw = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        var fraction = StableHash(seed + ":" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)) / (double)uint.MaxValue;
        return TimeSpan.FromMilliseconds(raw * (0.5 + (fraction / 2)));
    }

    private static uint StableHash(string s)
    {
        unchecked
        {
            var h = 2166136261;
            foreach (var c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }
}
