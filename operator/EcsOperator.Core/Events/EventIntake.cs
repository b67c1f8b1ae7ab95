using EcsOperator.Core.Queue;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Events;

/// <summary>
/// Consumes the events queue (EventBridge → SQS in AWS, a directory locally): each message is parsed, routed and then
/// deleted. A message that is not an event the operator acts on, or is malformed, is counted and deleted at once, never
/// left to be dead-lettered. A message whose routing failed stays for redelivery, up to <see cref="MaxReceives"/>
/// receives, then is counted as dropped and deleted: the polls cover whatever it would have sped up.
/// </summary>
public sealed class EventIntake(IJobQueue queue, EventRouter router, EventIntakeStats stats, TimeProvider time, ILogger logger)
{
    public const int MaxReceives = 5;

    /// <summary>How long one receive waits for a message (SQS long polling).</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(20);

    public async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            IReadOnlyList<QueueMessage> batch;
            try
            {
                batch = await queue.ReceiveAsync(10, Wait, ct);
                stats.Reachable(time.GetUtcNow());
                failures = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                stats.Unreachable();
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures++, 5))));
                Log.ReceiveFailed(logger, delay, e);
                try
                {
                    await Task.Delay(delay, time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            foreach (var message in batch) await HandleAsync(message, ct);
        }
    }

    /// <summary>Parses, routes and deletes one message (public for tests that drive the intake message by message).</summary>
    public async Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var parsed = AwsEventParser.Parse(message.Body);
        if (parsed.Event is not { } e)
        {
            stats.Dropped(parsed.Unknown ? "unknown" : "malformed");
            Log.Dropped(logger, message.MessageId, parsed.Problem ?? "");
            await DeleteAsync(message, ct);
            return;
        }
        try
        {
            var keys = await router.RouteAsync(e, ct);
            stats.Routed(e, time.GetUtcNow());
            Log.Routed(logger, e.GetType().Name, e.Id, keys.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (message.ReceiveCount < MaxReceives)
            {
                Log.RouteFailed(logger, message.MessageId, ex);
                return;
            }
            stats.Dropped("failed");
            Log.Dropped(logger, message.MessageId, $"routing failed {message.ReceiveCount} times: {ex.Message}");
        }
        await DeleteAsync(message, ct);
    }

    private async Task DeleteAsync(QueueMessage message, CancellationToken ct)
    {
        try
        {
            await queue.DeleteAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // redelivered later and handled again, which changes nothing
            Log.DeleteFailed(logger, message.MessageId, e);
        }
    }
}
