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
            await HandleBatchAsync(batch, ct);
        }
    }

    /// <summary>
    /// Handles one received batch: the events that cannot wait go first (a Spot warning leaves two minutes; an alarm
    /// moves a desired count), then the rest in the order received; each message is deleted once handled, without
    /// holding up the next message for the delete's round trip.
    /// </summary>
    public async Task HandleBatchAsync(IReadOnlyList<QueueMessage> batch, CancellationToken ct)
    {
        var deletes = new List<Task>(batch.Count);
        foreach (var message in batch.OrderBy(m => Urgency(m.Body)))
        {
            if (await RouteAsync(message, ct)) deletes.Add(DeleteAsync(message, ct));
        }
        await Task.WhenAll(deletes);
    }

    /// <summary>0 for Spot warnings, 1 for alarm changes, 2 for the rest (read from the detail-type, cheaply).</summary>
    private static int Urgency(string body) =>
        body.Contains(AwsEventParser.SpotInterruptionWarning, StringComparison.Ordinal) || body.Contains(AwsEventParser.RebalanceRecommendation, StringComparison.Ordinal) ? 0
        : body.Contains(AwsEventParser.AlarmStateChange, StringComparison.Ordinal) ? 1 : 2;

    /// <summary>Parses, routes and deletes one message (public for tests that drive the intake message by message).</summary>
    public async Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        if (await RouteAsync(message, ct)) await DeleteAsync(message, ct);
    }

    /// <summary>Parses and routes one message; false when it stays on the queue for redelivery.</summary>
    private async Task<bool> RouteAsync(QueueMessage message, CancellationToken ct)
    {
        var parsed = AwsEventParser.Parse(message.Body);
        if (parsed.Event is not { } e)
        {
            stats.Dropped(parsed.Unknown ? "unknown" : "malformed");
            Log.Dropped(logger, message.MessageId, parsed.Problem ?? "");
            return true;
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
                return false;
            }
            stats.Dropped("failed");
            Log.Dropped(logger, message.MessageId, $"routing failed {message.ReceiveCount} times: {ex.Message}");
        }
        return true;
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
