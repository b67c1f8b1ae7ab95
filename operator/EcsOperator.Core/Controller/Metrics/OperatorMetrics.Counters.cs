namespace EcsOperator.Core.Controller.Metrics;

/// <summary>Failure counters: faults the AWS calls met, retries, terminal errors and what became of queue messages.</summary>
public sealed partial class OperatorMetrics
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> queueMessages = new(StringComparer.Ordinal);

    /// <summary>One queue message handled: <c>accepted</c>, <c>duplicate</c>, <c>dead_lettered</c> or <c>retry</c>.</summary>
    public void RecordQueueMessage(string outcome) => queueMessages.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    public long QueueMessageCount(string outcome) => queueMessages.GetValueOrDefault(outcome);

    private long watchRecovered;

    /// <summary>Store changes the watch missed (it was down) that the listing after its re-establishment found.</summary>
    public void RecordWatchRecovered(int keys) => Interlocked.Add(ref watchRecovered, keys);

    public long WatchRecoveredCount => Interlocked.Read(ref watchRecovered);

    private void WriteCounters(TextWriter w)
    {
        w.WriteLine("# HELP ecs_operator_aws_faults_total AWS calls that met a fault (throttled, 5xx or other error), retried or not.");
        w.WriteLine("# TYPE ecs_operator_aws_faults_total counter");
        w.WriteLine($"ecs_operator_aws_faults_total {awsCalls.Where(p => p.Key.Outcome != "ok").Sum(p => p.Value)}");

        w.WriteLine("# HELP ecs_operator_retries_total Retries: AWS calls retried inside a call, and reconciles requeued after an error.");
        w.WriteLine("# TYPE ecs_operator_retries_total counter");
        w.WriteLine($"ecs_operator_retries_total{{level=\"aws_call\"}} {awsCalls.Where(p => p.Key.Outcome.EndsWith("retried", StringComparison.Ordinal)).Sum(p => p.Value)}");
        w.WriteLine($"ecs_operator_retries_total{{level=\"reconcile\"}} {reconciles.Where(p => p.Key.Result is "error" or "timeout").Sum(p => p.Value)}");

        w.WriteLine("# HELP ecs_operator_terminal_errors_total Reconciles that ended in a terminal error (waiting for a new spec).");
        w.WriteLine("# TYPE ecs_operator_terminal_errors_total counter");
        w.WriteLine($"ecs_operator_terminal_errors_total {reconciles.Where(p => p.Key.Result == "terminal").Sum(p => p.Value)}");

        w.WriteLine("# HELP ecs_operator_watch_recovered_total Store changes (new, changed, marked or deleted items) the watch missed while it was down, found by the listing after it was re-established.");
        w.WriteLine("# TYPE ecs_operator_watch_recovered_total counter");
        w.WriteLine($"ecs_operator_watch_recovered_total {WatchRecoveredCount}");

        w.WriteLine("# HELP ecs_operator_queue_messages_total Job queue messages by outcome (dead_lettered: sent to the dead-letter queue with a reason).");
        w.WriteLine("# TYPE ecs_operator_queue_messages_total counter");
        foreach (var (outcome, n) in queueMessages.OrderBy(p => p.Key, StringComparer.Ordinal))
            w.WriteLine($"ecs_operator_queue_messages_total{{outcome=\"{outcome}\"}} {n}");
    }
}
