using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.Resilience;

/// <summary>Retry, timeout and client-side throttle settings for the AWS clients. Defaults are ECS's documented limits.</summary>
public sealed record AwsClientOptions
{
    /// <summary>Retries after the first attempt (throttling, 5xx, transport faults, attempt timeouts).</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>Full-jitter exponential backoff: attempt n waits uniformly in [0, min(MaxDelay, BaseDelay * 2^n)].</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Each attempt is cancelled and retried after this long; <see cref="Timeout.InfiniteTimeSpan"/> for none
    /// (an in-process API, which has no network to hang on).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Client-side token buckets on (the default) or off.</summary>
    public bool ThrottleEnabled { get; init; } = true;

    /// <summary>
    /// Multiplies every bucket's refill rate and keeps its burst: 10 = ten times faster, for tests that measure the
    /// documented burst against a server. (To scale the whole quota, burst included, pass
    /// <see cref="Buckets"/> built from <see cref="EcsThrottleTable.Scaled"/>, as the pacing in front of the simulator does.)
    /// </summary>
    public double RateFactor { get; init; } = 1.0;

    /// <summary>Bucket sizes and refill rates per group; groups absent here are not paced client-side.</summary>
    public IReadOnlyDictionary<AwsApiGroup, TokenBucketLimit> Buckets { get; init; } = DefaultBuckets;

    /// <summary>Called once per logical call (after its last attempt).</summary>
    public IAwsCallObserver? Observer { get; init; }

    /// <summary>Retries (debug) and calls that gave up after retrying (warning) are logged here.</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    /// <summary>Explicit credentials instead of the SDK's default chain / profile (tests, embedding).</summary>
    public Amazon.Runtime.AWSCredentials? Credentials { get; init; }

    /// <summary>Replaces the shared HTTP handler, e.g. with a fault injector in front of it (tests).</summary>
    public Func<HttpMessageHandler, HttpMessageHandler>? WrapHandler { get; init; }

    /// <summary>ECS's documented API throttles (<see cref="EcsThrottleTable"/>), one bucket per ECS category.</summary>
    public static IReadOnlyDictionary<AwsApiGroup, TokenBucketLimit> DefaultBuckets { get; } = EcsBuckets(EcsThrottleTable.Limits);

    /// <summary>One bucket per ECS category with the given limits (e.g. <see cref="EcsThrottleTable.Scaled"/>).</summary>
    public static IReadOnlyDictionary<AwsApiGroup, TokenBucketLimit> EcsBuckets(IReadOnlyDictionary<EcsThrottleGroup, TokenBucketLimit> limits) =>
        limits.ToDictionary(kv => AwsApiGroup.Ecs(kv.Key), kv => kv.Value);

    internal void Validate()
    {
        if (MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "must be >= 0");
        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay) throw new ArgumentOutOfRangeException(nameof(BaseDelay), "BaseDelay must be > 0 and <= MaxDelay");
        if (AttemptTimeout <= TimeSpan.Zero && AttemptTimeout != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), "must be > 0");
        if (!(RateFactor > 0) || double.IsInfinity(RateFactor)) throw new ArgumentOutOfRangeException(nameof(RateFactor), RateFactor, "must be a positive number");
        foreach (var (group, limit) in Buckets)
        {
            if (limit.Burst < 1 || !(limit.PerSecond > 0))
                throw new ArgumentOutOfRangeException(nameof(Buckets), $"{group}: burst must be >= 1 and rate > 0");
        }
    }
}
