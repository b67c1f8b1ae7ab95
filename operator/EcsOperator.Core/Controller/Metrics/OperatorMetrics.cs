using System.Collections.Concurrent;
using Prometheus;

namespace EcsOperator.Core.Controller.Metrics;

/// <summary>
/// The operator's counters, gauges and the reconcile latency histogram, kept in a prometheus-net registry of its own
/// (so two operators in one process, as in tests, never share counts) together with the runtime's process and GC
/// metrics (<c>process_*</c>, <c>dotnet_*</c>), and written in the Prometheus text format by <see cref="WriteAsync"/>.
/// Thread-safe; cheap enough to update on every call.
/// </summary>
public sealed partial class OperatorMetrics
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly CollectorRegistry registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly IMetricFactory factory;
    private readonly Counter reconciles;
    private readonly Counter awsCalls;
    private readonly Counter throttles;
    private readonly Histogram latency;
    private readonly ConcurrentDictionary<string, (Gauge Gauge, Func<double>? Read)> gauges = new(StringComparer.Ordinal);

    public OperatorMetrics()
    {
        factory = Prometheus.Metrics.WithCustomRegistry(registry);
        DotNetStats.Register(registry);
        reconciles = factory.CreateCounter("ecs_operator_reconciles_total", "Reconciles by kind and result.", ["kind", "result"]);
        awsCalls = factory.CreateCounter("ecs_operator_aws_calls_total", "AWS API calls by service, action and outcome.", ["service", "action", "outcome"]);
        throttles = factory.CreateCounter("ecs_operator_aws_throttles_total", "AWS calls answered with a throttling error.");
        latency = factory.CreateHistogram("ecs_operator_reconcile_duration_seconds", "Reconcile latency.", new HistogramConfiguration { Buckets = Buckets });
        faults = factory.CreateCounter("ecs_operator_aws_faults_total", "AWS calls that met a fault (throttled, 5xx or other error), retried or not.");
        var retries = factory.CreateCounter("ecs_operator_retries_total", "Retries: AWS calls retried inside a call, and reconciles requeued after an error.", ["level"]);
        awsCallRetries = retries.WithLabels("aws_call");
        reconcileRetries = retries.WithLabels("reconcile");
        terminalErrors = factory.CreateCounter("ecs_operator_terminal_errors_total", "Reconciles that ended in a terminal error (waiting for a new spec).");
        watchRecovered = factory.CreateCounter("ecs_operator_watch_recovered_total",
            "Store changes (new, changed, marked or deleted items) the watch missed while it was down, found by the listing after it was re-established.");
        queueMessages = factory.CreateCounter("ecs_operator_queue_messages_total",
            "Job queue messages by outcome (dead_lettered: sent to the dead-letter queue with a reason).", ["outcome"]);
        registry.AddBeforeCollectCallback(ReadGauges);
    }

    /// <param name="result"><c>success</c>, <c>requeue</c>, <c>terminal</c>, <c>error</c>, <c>timeout</c>, <c>cancelled</c> or <c>blocked</c>.</param>
    public void RecordReconcile(string kind, string result, TimeSpan elapsed)
    {
        reconciles.WithLabels(kind, result).Inc();
        if (result is "error" or "timeout") reconcileRetries.Inc();
        else if (result == "terminal") terminalErrors.Inc();
        latency.Observe(elapsed.TotalSeconds);
    }

    /// <param name="outcome"><c>ok</c>, <c>throttled</c> or <c>error</c>; <c>throttled-retried</c> or <c>retried</c> for an attempt that was retried.</param>
    public void RecordAwsCall(string service, string action, string outcome)
    {
        awsCalls.WithLabels(service, action, outcome).Inc();
        if (outcome == "ok") return;
        faults.Inc();
        if (outcome.StartsWith("throttled", StringComparison.Ordinal)) throttles.Inc();
        if (outcome.EndsWith("retried", StringComparison.Ordinal)) awsCallRetries.Inc();
    }

    /// <summary>Registers a gauge read at scrape time (e.g. the queue depth); a second call with the same name replaces the reader.</summary>
    public void SetGauge(string name, Func<double> read) =>
        gauges.AddOrUpdate(name, n => (factory.CreateGauge(n, ""), read), (_, g) => (g.Gauge, read));

    /// <summary>Drops every gauge's reader (they hold on to the objects they read); the gauges are no longer exported.</summary>
    public void ClearGauges()
    {
        foreach (var (name, (gauge, _)) in gauges)
        {
            gauges[name] = (gauge, null);
            gauge.Unpublish();
        }
    }

    private void ReadGauges()
    {
        foreach (var (_, (gauge, read)) in gauges)
        {
            if (read is not null) gauge.Set(read());
        }
    }

    public long ReconcileCount(string kind, string result) => Count(reconciles, kind, result);

    /// <summary>AWS calls so far by (service, action, outcome).</summary>
    public IReadOnlyDictionary<(string Service, string Action, string Outcome), long> AwsCalls =>
        awsCalls.GetAllLabelValues().ToDictionary(l => (l[0], l[1], l[2]), l => (long)awsCalls.WithLabels(l).Value);

    /// <summary>Writes every metric in the Prometheus text exposition format (version 0.0.4).</summary>
    public Task WriteAsync(Stream output, CancellationToken ct = default) => registry.CollectAndExportAsTextAsync(output, ct);

    /// <summary>The value of a labelled counter, without creating the series when it was never counted.</summary>
    private static long Count(Counter counter, params string[] labels) =>
        counter.GetAllLabelValues().Any(l => l.SequenceEqual(labels, StringComparer.Ordinal)) ? (long)counter.WithLabels(labels).Value : 0;
}
