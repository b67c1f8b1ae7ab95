using System.Globalization;
using EcsOperator.Scaling;
using Xunit.Abstractions;

namespace EcsOperator.Tests.Scaling;

public sealed class ScalingBenchmarkTests(ITestOutputHelper output)
{
    /// <summary>Runs the benchmark small (set ECS_OPERATOR_SCALING_BENCH_POLICIES=500 for the full run) and checks its
    /// accounting: a steady pass describes all alarms in one batch per 100 names and writes nothing.</summary>
    [Fact]
    public async Task Benchmark_reports_batched_alarm_reads_and_no_writes_in_steady_state()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("ECS_OPERATOR_SCALING_BENCH_POLICIES"), NumberStyles.Integer,
            CultureInfo.InvariantCulture, out var v) ? v : 40;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        await ScalingBenchmark.RunAsync(text, n);
        var report = text.ToString();
        output.WriteLine(report);

        var steady = report.Split('\n').Single(l => l.StartsWith("steady pass:", StringComparison.Ordinal));
        Assert.Contains($"DescribeAlarms {(2 * n + 99) / 100} ({2 * n} names", steady, StringComparison.Ordinal);
        Assert.DoesNotContain("UpdateService", steady, StringComparison.Ordinal);
        Assert.Contains("missed 0", report, StringComparison.Ordinal);
    }
}
