using System.Text;
using EcsOperator.Core.Controller.Metrics;

namespace EcsOperator.Core.Tests.Controller.Metrics;

/// <summary>The exposition keeps the metric names and labels dashboards use, and adds the runtime's process and GC metrics.</summary>
public sealed class OperatorMetricsTests
{
    private static async Task<string> Scrape(OperatorMetrics metrics)
    {
        using var body = new MemoryStream();
        await metrics.WriteAsync(body);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    [Fact]
    public async Task Counters_derived_totals_histogram_and_gauges_are_exported_under_their_names()
    {
        var metrics = new OperatorMetrics();
        metrics.RecordAwsCall("ecs", "CreateService", "ok");
        metrics.RecordAwsCall("ecs", "UpdateService", "throttled-retried");
        metrics.RecordAwsCall("ecs", "UpdateService", "throttled");
        metrics.RecordAwsCall("logs", "GetLogEvents", "error");
        metrics.RecordReconcile("App", "success", TimeSpan.FromMilliseconds(30));
        metrics.RecordReconcile("App", "error", TimeSpan.FromSeconds(3));
        metrics.RecordReconcile("Job", "terminal", TimeSpan.FromSeconds(200));
        metrics.RecordQueueMessage("duplicate");
        metrics.RecordWatchRecovered(2);
        var depth = 7;
        metrics.SetGauge("ecs_operator_queue_depth", () => depth);

        var text = await Scrape(metrics);

        string[] lines =
        [
            "ecs_operator_aws_calls_total{service=\"ecs\",action=\"CreateService\",outcome=\"ok\"} 1",
            "ecs_operator_aws_calls_total{service=\"ecs\",action=\"UpdateService\",outcome=\"throttled-retried\"} 1",
            "ecs_operator_aws_throttles_total 2",
            "ecs_operator_aws_faults_total 3",
            "ecs_operator_retries_total{level=\"aws_call\"} 1",
            "ecs_operator_retries_total{level=\"reconcile\"} 1",
            "ecs_operator_terminal_errors_total 1",
            "ecs_operator_reconciles_total{kind=\"App\",result=\"success\"} 1",
            "ecs_operator_reconcile_duration_seconds_bucket{le=\"0.05\"} 1",
            "ecs_operator_reconcile_duration_seconds_bucket{le=\"5\"} 2",
            "ecs_operator_reconcile_duration_seconds_bucket{le=\"120\"} 2",
            "ecs_operator_reconcile_duration_seconds_bucket{le=\"+Inf\"} 3",
            "ecs_operator_reconcile_duration_seconds_count 3",
            "ecs_operator_queue_messages_total{outcome=\"duplicate\"} 1",
            "ecs_operator_watch_recovered_total 2",
            "ecs_operator_queue_depth 7",
        ];
        var exported = text.Split('\n');
        foreach (var line in lines) Assert.Contains(line, exported);
        Assert.Contains("# TYPE ecs_operator_reconcile_duration_seconds histogram", exported);
        Assert.Equal(1, metrics.ReconcileCount("App", "success"));
        Assert.Equal(0, metrics.ReconcileCount("App", "timeout"));
        Assert.Equal(2, metrics.AwsCalls.Count(c => c.Key.Action == "UpdateService"));

        depth = 9;
        Assert.Contains("ecs_operator_queue_depth 9", (await Scrape(metrics)).Split('\n'));
    }

    [Fact]
    public async Task Runtime_process_and_gc_metrics_are_exported()
    {
        var text = await Scrape(new OperatorMetrics());

        Assert.Matches(@"(?m)^process_cpu_seconds_total [0-9.e+-]+$", text);
        Assert.Matches(@"(?m)^process_working_set_bytes [1-9][0-9.e+]*$", text);
        Assert.Matches(@"(?m)^dotnet_collection_count_total\{generation=""2""\} [0-9]+$", text);
        Assert.Matches(@"(?m)^dotnet_total_memory_bytes [1-9][0-9.e+]*$", text);
    }

    [Fact]
    public async Task Two_operators_in_one_process_count_apart_and_a_cleared_gauge_is_not_exported()
    {
        var one = new OperatorMetrics();
        var two = new OperatorMetrics();
        one.RecordQueueMessage("accepted");
        two.SetGauge("ecs_operator_orphans", () => 3);

        Assert.Equal(1, one.QueueMessageCount("accepted"));
        Assert.Equal(0, two.QueueMessageCount("accepted"));
        Assert.Contains("ecs_operator_orphans 3", (await Scrape(two)).Split('\n'));
        two.ClearGauges();
        Assert.DoesNotContain("ecs_operator_orphans 3", (await Scrape(two)).Split('\n'));
    }
}
