using EcsOperator.Core.Controller;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// Consumes the job queue: every message becomes a Job in the store (create-only) BEFORE the message is deleted, so a
/// crash between the two leaves a redelivery that finds the identical Job and is simply acknowledged. Messages that
/// are malformed or not allowed go to the dead-letter queue with the reason, plus an event; nothing is dropped silently.
/// Store or queue errors leave the message for redelivery (the queue dead-letters it after its receive limit).
/// </summary>
public sealed partial class JobIntake(
    IJobQueue queue, IResourceStore store, IEventStore events, JobsOptions options, TimeProvider time, ILogger<JobIntake> logger,
    Controller.Metrics.OperatorMetrics? metrics = null)
{
    /// <summary>What happened to one message.</summary>
    public enum Outcome { Accepted, AlreadyAccepted, DeadLettered, Retry }

    /// <summary>Why the last receive failed (the queue cannot be reached), or null after one that worked.</summary>
    public string? ReceiveError { get; private set; }

    /// <summary>Receives and handles batches until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ReceiveOnceAsync(ct);
                ReceiveError = null;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                ReceiveError = e.Message;
                Log.IntakeFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(2), time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One receive (up to 10 messages) and their handling; returns the outcomes.</summary>
    public async Task<IReadOnlyList<Outcome>> ReceiveOnceAsync(CancellationToken ct)
    {
        var messages = await queue.ReceiveAsync(10, options.QueueWait, ct);
        var outcomes = new Outcome[messages.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, messages.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.QueueConcurrency), CancellationToken = ct },
            async (i, token) => outcomes[i] = await HandleAsync(messages[i], token));
        return outcomes;
    }

    /// <summary>Handles one message, keeping it invisible while that takes long.</summary>
    public async Task<Outcome> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var extender = ExtendWhileHandlingAsync(message, keepAlive.Token);
        try
        {
            var outcome = await HandleCoreAsync(message, ct);
            metrics?.RecordQueueMessage(outcome switch
            {
                Outcome.Accepted => "accepted",
                Outcome.AlreadyAccepted => "duplicate",
                Outcome.DeadLettered => "dead_lettered",
                _ => "retry",
            });
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The message stays on the queue and comes back; the queue dead-letters it after its receive limit.
            Log.IntakeFailed(logger, e);
            metrics?.RecordQueueMessage("retry");
            return Outcome.Retry;
        }
        finally
        {
            await keepAlive.CancelAsync();
            await extender;
        }
    }

    private async Task<Outcome> HandleCoreAsync(QueueMessage message, CancellationToken ct)
    {
        var parsed = QueuedJobParser.Parse(message.Body, message.MessageId, options.DefaultQueueNamespace);
        var fallbackKey = new ResourceKey(ResourceKind.Job, options.DefaultQueueNamespace, QueuedJobParser.NameFor(message.MessageId));
        if (parsed.Job is not { } job || parsed.Manifest is not { } manifest)
            return await RejectAsync(message, fallbackKey, parsed.Error ?? "unreadable message", ct);
        if (await PolicyViolationAsync(job, ct) is { } violation) return await RejectAsync(message, job.Key, violation, ct);
        if (message.ReceiveCount > 1 && await AcceptedBeforeAsync(job.Key, message.MessageId, ct))
        {
            // Accepted on an earlier delivery whose delete failed, and the Job has since been removed (its TTL, a user):
            // creating it again would run it twice.
            await queue.DeleteAsync(message, ct);
            return Outcome.AlreadyAccepted;
        }
        try
        {
            await store.PutAsync(job.Key, manifest, Versions.MustNotExist, ct);
        }
        catch (ConcurrencyException)
        {
            var existing = await store.GetAsync(job.Key, ct);
            if (existing is null) return Outcome.Retry;
            if (!QueuedJobParser.SameRequest(existing.Manifest, manifest))
                return await RejectAsync(message, job.Key, $"a different Job named {job.Key} already exists", ct);
            // A redelivery, or the identical request sent again under another message id: already accepted.
            await queue.DeleteAsync(message, ct);
            LogDuplicate(logger, message.MessageId, job.Key);
            return Outcome.AlreadyAccepted;
        }
        await events.RecordAsync(job.Key, Event(job.Key, ResourceEvent.Normal, AcceptedReason, AcceptedMessage(message.MessageId)), ct);
        await queue.DeleteAsync(message, ct);
        Log.Accepted(logger, message.MessageId, job.Key);
        return Outcome.Accepted;
    }

    private const string AcceptedReason = "Accepted";

    private static string AcceptedMessage(string messageId) => $"created from queue message {messageId}";

    /// <summary>
    /// True when an earlier delivery of this message already became the Job: its Accepted event (written right after the
    /// Job, before the message is deleted) or its TTL-expiry event is the tombstone. Only redeliveries are checked; first deliveries cost nothing.
    /// </summary>
    private async Task<bool> AcceptedBeforeAsync(ResourceKey key, string messageId, CancellationToken ct)
    {
        var accepted = AcceptedMessage(messageId);
        var expiredSuffix = ExpiredSuffix(messageId);
        return (await events.ListAsync(key, ct)).Any(e => (e.Reason == AcceptedReason && e.Message == accepted)
            || (e.Reason == JobReasons.Expired && e.Message.EndsWith(expiredSuffix, StringComparison.Ordinal)));
    }

    /// <summary>The message of a Job's TTL-expiry event; names the queue message it came from, a second tombstone
    /// (for a crash between writing a queued Job and its Accepted event).</summary>
    internal static string ExpiredMessage(TimeSpan ttl, string? queueMessageId) =>
        $"deleted {(int)ttl.TotalSeconds}s after it finished" + (queueMessageId is null ? "" : ExpiredSuffix(queueMessageId));

    private static string ExpiredSuffix(string messageId) => $" (from queue message {messageId})";

    private async Task<string?> PolicyViolationAsync(ResourceDocument job, CancellationToken ct)
    {
        if (options.AllowedQueueNamespaces is { Count: > 0 } allowed && !allowed.Contains(job.Key.Namespace, StringComparer.Ordinal))
            return $"namespace {job.Key.Namespace} does not accept queued Jobs (allowed: {string.Join(", ", allowed)})";
        var spec = job.GetSpec<JobSpec>();
        if (spec.AppRef is not { } appRef)
        {
            return options.AllowInlineTaskDefinitionsFromQueue
                ? null
                : "queued Jobs must use spec.appRef; inline task definitions over the queue are disabled";
        }
        if (spec.TaskDefinition is not null && !options.AllowInlineTaskDefinitionsFromQueue)
            return "queued Jobs must not carry spec.taskDefinition";
        if (job.Metadata.Annotations?.ContainsKey(JobAnnotations.TaskDefinition) == true)
            return $"annotation {JobAnnotations.TaskDefinition} is reserved for pre-deploy hooks";
        var app = await store.GetAsync(new ResourceKey(ResourceKind.App, job.Key.Namespace, appRef), ct);
        return app is null ? $"App {appRef} does not exist in namespace {job.Key.Namespace}" : null;
    }

    private async Task<Outcome> RejectAsync(QueueMessage message, ResourceKey key, string reason, CancellationToken ct)
    {
        await queue.DeadLetterAsync(message, reason, ct);
        await events.RecordAsync(key, Event(key, ResourceEvent.Warning, "Rejected", $"queue message {message.MessageId}: {reason}"), ct);
        Log.DeadLettered(logger, message.MessageId, reason);
        return Outcome.DeadLettered;
    }

    private async Task ExtendWhileHandlingAsync(QueueMessage message, CancellationToken ct)
    {
        var every = options.QueueVisibility / 2;
        try
        {
            while (true)
            {
                await Task.Delay(every, time, ct);
                await queue.ExtendVisibilityAsync(message, options.QueueVisibility, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // Handling finished.
        }
        catch (Exception e)
        {
            Log.IntakeFailed(logger, e);
        }
    }

    private ResourceEvent Event(ResourceKey key, string type, string reason, string message)
    {
        var now = time.GetUtcNow();
        return EventRecorder.Create(key, type, reason, message, now);
    }

    [LoggerMessage(EventId = 6018, Level = LogLevel.Information, Message = "queue message {MessageId}: the same request as the stored {Key}; acknowledged as a duplicate")]
    private static partial void LogDuplicate(ILogger logger, string messageId, ResourceKey key);
}
