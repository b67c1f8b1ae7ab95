using System.Collections.Concurrent;
using System.Globalization;

namespace EcsOperator.Core.Controller.Metrics;

/// <summary>
/// The operator's counters, gauges and the reconcile latency histogram, rendered in the Prometheus text format by
/// <see cref="WritePrometheus"/>. Thread-safe; cheap enough to update on every call.
/// </summary>
public sealed partial class OperatorMetrics
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly ConcurrentDictionary<(string Kind, string Result), long> reconciles = new();
    private readonly ConcurrentDictionary<(string Service, string Action, string Outcome), long> awsCalls = new();
    private readonly ConcurrentDictionary<string, Func<double>> gauges = new();
    private readonly long[] latencyBuckets = new long[Buckets.Length + 1];
    private readonly Lock latencyGate = new();
    private double latencySum;
    private long latencyCount;

    public void RecordReconcile(string kind, string result, TimeSpan elapsed)
    {
        reconciles.AddOrUpdate((kind, result), 1, (_, n) => n + 1);
        var s = elapsed.TotalSeconds;
        lock (latencyGate)
        {
            var i = 0;
            while (i < Buckets.Length && s > Buckets[i]) i++;
            latencyBuckets[i]++;
            latencySum += s;
            latencyCount++;
        }
    }

    /// <param name="outcome"><c>ok</c>, <c>throttled</c> or <c>error</c>.</param>
    public void RecordAwsCall(string service, string action, string outcome) =>
        awsCalls.AddOrUpdate((service, action, outcome), 1, (_, n) => n + 1);

    /// <summary>Registers a gauge read at scrape time (e.g. the queue depth).</summary>
    public void SetGauge(string name, Func<double> read) => gauges[name] = read;

    /// <summary>Drops every gauge (their readers hold on to the objects they read).</summary>
    public void ClearGauges() => gauges.Clear();

    public long ReconcileCount(string kind, string result) => reconciles.GetValueOrDefault((kind, result));

    /// <summary>AWS calls so far by (service, action, outcome).</summary>
    public IReadOnlyDictionary<(string Service, string Action, string Outcome), long> AwsCalls => awsCalls.ToDictionary();

    public void WritePrometheus(TextWriter w)
    {
        w.WriteLine("# HELP ecs_operator_reconciles_total Reconciles by kind and result.");
        w.WriteLine("# TYPE ecs_operator_reconciles_total counter");
        foreach (var ((kind, result), n) in reconciles.OrderBy(p => p.Key))
            w.WriteLine($"ecs_operator_reconciles_total{{kind=\"{kind}\",result=\"{result}\"}} {n}");

        w.WriteLine("# HELP ecs_operator_aws_calls_total AWS API calls by service, action and outcome.");
        w.WriteLine("# TYPE ecs_operator_aws_calls_total counter");
        foreach (var ((svc, action, outcome), n) in awsCalls.OrderBy(p => p.Key))
            w.WriteLine($"ecs_operator_aws_calls_total{{service=\"{svc}\",action=\"{action}\",outcome=\"{outcome}\"}} {n}");

        w.WriteLine("# HELP ecs_operator_aws_throttles_total AWS calls answered with a throttling error.");
        w.WriteLine("# TYPE ecs_operator_aws_throttles_total counter");
        w.WriteLine($"ecs_operator_aws_throttles_total {awsCalls.Where(p => p.Key.Outcome.StartsWith("throttled", StringComparison.Ordinal)).Sum(p => p.Value)}");

        w.WriteLine("# HELP ecs_operator_reconcile_duration_seconds Reconcile latency.");
        w.WriteLine("# TYPE ecs_operator_reconcile_duration_seconds histogram");
        lock (latencyGate)
        {
            long cumulative = 0;
            for (var i = 0; i < Buckets.Length; i++)
            {
                cumulative += latencyBuckets[i];
                w.WriteLine($"ecs_operator_reconcile_duration_seconds_bucket{{le=\"{Buckets[i].ToString(CultureInfo.InvariantCulture)}\"}} {cumulative}");
            }
            w.WriteLine($"ecs_operator_reconcile_duration_seconds_bucket{{le=\"+Inf\"}} {latencyCount}");
            w.WriteLine($"ecs_operator_reconcile_duration_seconds_sum {latencySum.ToString(CultureInfo.InvariantCulture)}");
            w.WriteLine($"ecs_operator_reconcile_duration_seconds_count {latencyCount}");
        }

        WriteCounters(w);

        foreach (var (name, read) in gauges.OrderBy(p => p.Key))
        {
            w.WriteLine($"# TYPE {name} gauge");
            w.WriteLine($"{name} {read().ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
