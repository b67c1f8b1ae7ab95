using System.Collections.Concurrent;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using EcsOperator.Core.Notifications;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace EcsOperator.Aws.Notifications;

/// <summary>
/// Delivers the notifications <see cref="NotifyingEventStore"/> offers: one bounded queue and one delivery loop per
/// target, so a slow or failing target never holds up another, and a pipeline per target that owns every retry:
/// a token bucket of the target's <see cref="NotificationTarget.RatePerMinute"/> (more is dropped and counted), then
/// up to <see cref="NotifierOptions.MaxRetries"/> retries with jittered exponential backoff for transient failures,
/// each attempt under a timeout. A notification that still fails is recorded as a
/// <see cref="NotificationSettings.FailedReason"/> warning on the resource it was about (in the store beneath the
/// notifications, so it is not notified itself).
/// </summary>
public sealed class Notifier : INotificationSink, IDisposable
{
    private readonly INotificationSender sender;
    private readonly IEventStore failures;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Dictionary<string, Lane> lanes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    /// <param name="failures">Where delivery failures are recorded: the store beneath the notifying one.</param>
    public Notifier(NotificationSettings settings, INotificationSender sender, IEventStore failures, TimeProvider time, ILogger<Notifier> logger,
        NotifierOptions? options = null)
    {
        options ??= new NotifierOptions();
        this.sender = sender;
        this.failures = failures;
        this.time = time;
        this.logger = logger;
        foreach (var target in settings.Targets) lanes[target.Name] = new Lane(target, Pipeline(target, options), options.QueueLength);
    }

    /// <summary>Notifications by outcome: sent, failed (recorded as an event), dropped (rate limit or full queue).</summary>
    public IReadOnlyDictionary<string, long> Counts => counts.ToDictionary();

    public void Offer(NotificationTarget target, ResourceEvent e)
    {
        if (!lanes.TryGetValue(target.Name, out var lane)) return;
        if (!lane.Queue.Writer.TryWrite(e)) Dropped(target, e, "the target's queue is full");
    }

    /// <summary>Delivers until <paramref name="ct"/> is cancelled (the host runs this while the operator runs).</summary>
    public Task RunAsync(CancellationToken ct) => Task.WhenAll(lanes.Values.Select(l => DeliverAsync(l, ct)));

    private async Task DeliverAsync(Lane lane, CancellationToken ct)
    {
        try
        {
            await foreach (var e in lane.Queue.Reader.ReadAllAsync(ct))
            {
                await DeliverOneAsync(lane, e, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverOneAsync(Lane lane, ResourceEvent e, CancellationToken ct)
    {
        var target = lane.Target;
        try
        {
            await lane.Pipeline.ExecuteAsync(async token => await sender.SendAsync(target, e, token), ct);
            counts.AddOrUpdate("sent", 1, (_, n) => n + 1);
            Log.Sent(logger, target.Name, e.Reason, e.Key.ToString());
        }
        catch (RateLimiterRejectedException)
        {
            Dropped(target, e, $"over the target's limit of {target.RatePerMinute} per minute");
        }
        catch (Exception x) when (x is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var why = x switch
            {
                NotificationDeliveryException d => d.Message,
                TimeoutRejectedException => "timed out",
                _ => x.Message,
            };
            counts.AddOrUpdate("failed", 1, (_, n) => n + 1);
            Log.Failed(logger, target.Name, e.Reason, e.Key.ToString(), why);
            await RecordFailureAsync(target, e, why, ct);
        }
    }

    private async Task RecordFailureAsync(NotificationTarget target, ResourceEvent e, string why, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            await failures.RecordAsync(e.Key, new ResourceEvent(e.Key, ResourceEvent.Warning, NotificationSettings.FailedReason,
                $"could not notify target '{target.Name}' of {e.Reason}: {why}", 1, now, now), ct);
        }
        catch (Exception x) when (x is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log.RecordFailed(logger, x);
        }
    }

    private void Dropped(NotificationTarget target, ResourceEvent e, string why)
    {
        counts.AddOrUpdate("dropped", 1, (_, n) => n + 1);
        Log.Dropped(logger, target.Name, e.Reason, e.Key.ToString(), why);
    }

    private ResiliencePipeline Pipeline(NotificationTarget target, NotifierOptions options) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = target.RatePerMinute,
            TokensPerPeriod = target.RatePerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }))
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NotificationDeliveryException>(d => d.Transient).Handle<TimeoutRejectedException>(),
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = a =>
            {
                Log.Retrying(logger, target.Name, a.AttemptNumber + 1, a.Outcome.Exception?.Message ?? "", a.RetryDelay.TotalMilliseconds);
                return default;
            },
        })
        .AddTimeout(options.AttemptTimeout)
        .Build();

    public void Dispose()
    {
        foreach (var lane in lanes.Values) lane.Queue.Writer.TryComplete();
    }

    private sealed class Lane(NotificationTarget target, ResiliencePipeline pipeline, int queueLength)
    {
        public NotificationTarget Target { get; } = target;

        public ResiliencePipeline Pipeline { get; } = pipeline;

        public Channel<ResourceEvent> Queue { get; } = Channel.CreateBounded<ResourceEvent>(
            new BoundedChannelOptions(queueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }
}

/// <summary>Delivery timings, defaults in one place.</summary>
public sealed class NotifierOptions
{
    /// <summary>Retries after the first attempt, for transient failures only.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's delay; each next one doubles it (with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Notifications waiting per target; more are dropped and counted.</summary>
    public int QueueLength { get; init; } = 256;
}
