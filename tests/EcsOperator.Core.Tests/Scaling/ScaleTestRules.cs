using System.Globalization;
using EcsOperator.Core.Scaling;

namespace EcsOperator.Core.Tests.Scaling;

/// <summary>The sample-like policy the decision tables run against, and a compact way to write inputs.</summary>
internal static class ScaleTestRules
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>min 2, max [10, 25], cooldown 300 s, step 1, no idle time, no windows.
    /// Up: cpu-high (policy step), cpu-critical (step 3). Down: cpu-low (policy step), errors-high (step 2, prioritized).</summary>
    public static ScaleRules Sample(int min = 2, int[]? max = null, int cooldown = 300, int step = 1, int idle = 0,
        IReadOnlyList<MinimumWindow>? windows = null, IReadOnlyList<QueueRule>? queues = null) =>
        new(min, max ?? [10, 25], cooldown, step, idle, windows ?? [],
            [new AlarmRule("cpu-high", "ALARM", null), new AlarmRule("cpu-critical", "ALARM", 3)],
            [new AlarmRule("cpu-low", "ALARM", null), new AlarmRule("errors-high", "ALARM", 2, PrioritizedOverUpscaleTriggers: true)],
            queues ?? []);

    /// <summary>"cpu-high,cpu-low=OK,errors-high=-": listed names take the given state (default ALARM), "-" = the alarm
    /// does not exist; every other alarm of the rules is OK.</summary>
    public static Dictionary<string, string> Alarms(ScaleRules rules, string spec)
    {
        var states = rules.AlarmNames.ToDictionary(a => a, _ => "OK", StringComparer.Ordinal);
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2);
            var state = kv.Length == 2 ? kv[1] : "ALARM";
            if (state == "-") states.Remove(kv[0]);
            else states[kv[0]] = state;
        }
        return states;
    }

    public static ScaleInput Input(ScaleRules rules, int current, string alarms, DateTimeOffset? now = null,
        DateTimeOffset? lastScale = null, CeilingTimer? timer = null, Dictionary<string, QueueDepth>? queues = null) =>
        new(rules, current, Alarms(rules, alarms), queues ?? [], now ?? Noon, lastScale, timer);

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static MinimumWindow Window(string from, string to, int count, string zone, int index = 0)
    {
        Assert.True(MinimumWindowParser.TryParse(from, to, count, zone, $"spec.scheduledMinTaskCount[{index}]", out var w, out var error), error);
        return w!;
    }
}
