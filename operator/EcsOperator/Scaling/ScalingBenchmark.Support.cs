using System.Globalization;
using EcsOperator.Core.Aws;

namespace EcsOperator.Scaling;

public static partial class ScalingBenchmark
{
    private sealed record PassStats(double TotalMs, List<double> Durations, Dictionary<string, long> EcsCalls, long AlarmCalls, long AlarmNames)
    {
        public string Describe(int n) => string.Create(CultureInfo.InvariantCulture,
            $"{n} reconciles in {TotalMs:0} ms (p50 {Pct(Durations, 50):0.00} ms, p99 {Pct(Durations, 99):0.00} ms); AWS calls: " +
            $"DescribeAlarms {AlarmCalls} ({AlarmNames} names, <=100 a call), " +
            $"{string.Join(", ", EcsCalls.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}" +
            $"; total {AlarmCalls + EcsCalls.Values.Sum()}");
    }

    /// <summary>Counts DescribeAlarms requests as the wire client would send them (100 names a request).</summary>
    private sealed class CountingAlarmApi(IAlarmApi inner) : IAlarmApi
    {
        public long Calls;
        public long Names;

        public Task<IReadOnlyList<AlarmInfo>> DescribeAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken ct)
        {
            Interlocked.Add(ref Calls, (alarmNames.Count + 99) / 100);
            Interlocked.Add(ref Names, alarmNames.Count);
            return inner.DescribeAlarmsAsync(alarmNames, ct);
        }
    }

    /// <summary>A clock the benchmark moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
