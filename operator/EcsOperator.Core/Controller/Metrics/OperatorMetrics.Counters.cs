using Prometheus;

namespace EcsOperator.Core.Controller.Metrics;

/// <summary>Failure counters: faults the AWS calls met, retries, terminal errors and what became of queue messages.</summary>
public sealed partial class OperatorMetrics
{
    private readonly Counter faults;
    private readonly Counter.Child awsCallRetries;
    private readonly Counter.Child reconcileRetries;
    private readonly Counter terminalErrors;
    private readonly Counter watchRecovered;
    private readonly Counter queueMessages;

    /// <summary>One queue message handled: <c>accepted</c>, <c>duplicate</c>, <c>dead_lettered</c> or <c>retry</c>.</summary>
    public void RecordQueueMessage(string outcome) => queueMessages.WithLabels(outcome).Inc();

    public long QueueMessageCount(string outcome) => Count(queueMessages, outcome);

    /// <summary>Store changes the watch missed (it was down) that the listing after its re-establishment found.</summary>
    public void RecordWatchRecovered(int keys) => watchRecovered.Inc(keys);

    public long WatchRecoveredCount => (long)watchRecovered.Value;
}
