using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using EcsOperator.Core.Aws;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace EcsOperator.Aws.Resilience;

/// <summary>
/// Runs one logical AWS call through its group's pipeline: retry (the only retry owner: throttling, 5xx, transport
/// faults and attempt timeouts, exponential backoff with full jitter) → client-side token bucket → per-attempt timeout.
/// Errors leave as <see cref="AwsApiException"/>; cancellation of the caller's token leaves as <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class AwsCallRunner : IDisposable
{
    private static readonly ResiliencePropertyKey<CallState> StateKey = new("ecs-operator.aws-call");
    private readonly ConcurrentDictionary<AwsApiGroup, ResiliencePipeline> _pipelines = new();
    private readonly AwsClientOptions _options;
    private readonly TimeProvider _time;

    public AwsCallRunner(AwsClientOptions options, TimeProvider time)
    {
        options.Validate();
        _options = options;
        _time = time;
        Buckets = new AwsTokenBuckets(options);
    }

    public AwsTokenBuckets Buckets { get; }

    /// <param name="repeatable">False for a call that must not be sent twice (one that creates something new each
    /// time and has no idempotency token, such as RegisterTaskDefinition): a transport failure after the request may
    /// have reached the service (connection reset, lost answer, attempt timeout) is then not retried but returned to
    /// the caller, who looks whether the first attempt took effect. Failures that prove nothing was sent (connection
    /// refused, name resolution) and error answers (throttling, 5xx) are retried as usual.</param>
    public async Task<T> RunAsync<T>(string service, string action, AwsApiGroup group, Func<CancellationToken, Task<T>> call, CancellationToken ct,
        bool repeatable = true)
    {
        var state = new CallState(service) { Repeatable = repeatable };
        var context = ResilienceContextPool.Shared.Get(action, ct);
        context.Properties.Set(StateKey, state);
        var started = _time.GetTimestamp();
        var outcome = "ok";
        try
        {
            var result = await _pipelines.GetOrAdd(group, Build).ExecuteAsync(
                static async (ctx, s) =>
                {
                    var st = ctx.Properties.GetValue(StateKey, new CallState(""));
                    st.Attempts++;
                    try
                    {
                        return await s(ctx.CancellationToken);
                    }
                    catch (AwsApiException e) when (e.Kind is AwsErrorKind.Throttling)
                    {
                        st.Throttled = true;
                        throw;
                    }
                },
                context, call);
            return result;
        }
        catch (Exception e) when (Translate(e, ct) is { } translated)
        {
            outcome = translated is AwsApiException a ? (a.Kind is AwsErrorKind.Transport ? a.Code.ToLowerInvariant() : a.Code) : "error";
            if (_options.Logger is { } logger && translated is AwsApiException { IsTransient: true })
                Log.GaveUp(logger, service, action, state.Attempts, outcome);
            if (ReferenceEquals(translated, e)) throw;
            throw translated;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            Observe(new AwsCallEvent(service, action, group, outcome, _time.GetElapsedTime(started), state.Attempts, state.Throttled, state.BucketWait));
        }
    }

    private void Observe(AwsCallEvent call)
    {
        try
        {
            _options.Observer?.OnCall(call);
        }
        catch (Exception)
        {
            // A metrics hook must never change the outcome of the call it observes.
        }
    }

    /// <summary>The exception a caller sees, or null to let it pass unchanged (caller cancellation).</summary>
    private static Exception? Translate(Exception e, CancellationToken ct) => e switch
    {
        AwsApiException a => a,
        OperationCanceledException when ct.IsCancellationRequested => null,
        TimeoutRejectedException t => new AwsApiException(AwsErrorKind.Transport, "Timeout", "the AWS call timed out: " + t.Message, 0, t),
        HttpRequestException or SocketException or IOException or OperationCanceledException =>
            new AwsApiException(AwsErrorKind.Transport, "Transport", "the AWS call failed in transport: " + e.Message, 0, e),
        RateLimiterRejectedException r => new AwsApiException(AwsErrorKind.Throttling, "ClientThrottled", "client-side throttle queue is full", 0, r),
        _ => null,
    };

    private static bool IsRetryable(Exception? e, CancellationToken callerToken) => e switch
    {
        AwsApiException a => a.IsTransient,
        HttpRequestException or SocketException or IOException or TimeoutRejectedException => true,
        // HttpClient's own timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>A failure that proves the request never reached the service, so sending it again cannot do it twice.</summary>
    private static bool NeverSent(Exception? e) => e switch
    {
        AwsApiException a => a.Kind is not AwsErrorKind.Transport,
        HttpRequestException h => h.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            || h.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused },
        SocketException s => s.SocketErrorCode is SocketError.ConnectionRefused,
        _ => false,
    };

    private ResiliencePipeline Build(AwsApiGroup group)
    {
        var builder = new ResiliencePipelineBuilder { Name = "aws-" + group, TimeProvider = _time };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxRetries,
                ShouldHandle = args => new ValueTask<bool>(IsRetryable(args.Outcome.Exception, args.Context.CancellationToken)
                    && (!args.Context.Properties.TryGetValue(StateKey, out var st) || st.Repeatable || NeverSent(args.Outcome.Exception))),
                DelayGenerator = args => new ValueTask<TimeSpan?>(FullJitter(args.AttemptNumber)),
                OnRetry = args =>
                {
                    if (_options.Logger is { } logger && args.Context.Properties.TryGetValue(StateKey, out var st))
                    {
                        var reason = args.Outcome.Exception switch
                        {
                            AwsApiException a => a.Code,
                            { } e => e.GetType().Name,
                            null => "no result",
                        };
                        Log.Retrying(logger, st.Service, args.Context.OperationKey ?? "", args.AttemptNumber + 1, reason, args.RetryDelay.TotalMilliseconds);
                    }
                    return default;
                },
            });
        }
        if (Buckets.For(group) is { } limiter)
        {
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => AcquireAsync(limiter, args.Context),
            });
        }
        if (_options.AttemptTimeout != Timeout.InfiniteTimeSpan) builder.AddTimeout(_options.AttemptTimeout);
        return builder.Build();
    }

    private async ValueTask<RateLimitLease> AcquireAsync(RateLimiter limiter, ResilienceContext context)
    {
        var started = _time.GetTimestamp();
        var lease = await limiter.AcquireAsync(1, context.CancellationToken);
        if (context.Properties.TryGetValue(StateKey, out var state)) state.BucketWait += _time.GetElapsedTime(started);
        return lease;
    }

    private TimeSpan FullJitter(int attempt)
    {
        var ceiling = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    public void Dispose() => Buckets.Dispose();

    private sealed class CallState(string service)
    {
        public readonly string Service = service;
        public int Attempts;
        public bool Repeatable = true;
        public bool Throttled;
        public TimeSpan BucketWait;
    }
}
