namespace EcsOperator.Core.Scaling;

/// <summary>
/// The decision-relevant part of a ScalePolicy, already parsed (time zones resolved, clock times read).
/// Built from the spec by <see cref="ScaleRulesFactory"/>; the decider never sees unparsed text.
/// </summary>
/// <param name="MaxTaskCount">Staged ceilings, ascending (e.g. [10, 25]); the last one is the top ceiling.</param>
public sealed record ScaleRules(
    int MinTaskCount,
    IReadOnlyList<int> MaxTaskCount,
    int CooldownTimeForReachMaxSeconds,
    int Step,
    int IdleTimeSeconds,
    IReadOnlyList<MinimumWindow> ScheduledMinTaskCount,
    IReadOnlyList<AlarmRule> UpscaleTriggers,
    IReadOnlyList<AlarmRule> DownscaleTriggers,
    IReadOnlyList<QueueRule> QueueTriggers)
{
    /// <summary>Every alarm the triggers name, each once, in first-use order.</summary>
    public IReadOnlyList<string> AlarmNames =>
        UpscaleTriggers.Concat(DownscaleTriggers).Select(t => t.AlarmName).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>An alarm trigger: fires when the alarm's state equals <paramref name="State"/>.</summary>
/// <param name="Step">Tasks to add or remove; null = the policy's step.</param>
public sealed record AlarmRule(string AlarmName, string State, int? Step, bool PrioritizedOverUpscaleTriggers = false);

/// <summary>Desired tasks = ceil((visible + in-flight) / <paramref name="TargetMessagesPerTask"/>).</summary>
public sealed record QueueRule(string QueueUrl, int TargetMessagesPerTask);

/// <summary>
/// A scheduled minimum: from <paramref name="From"/> (inclusive) to <paramref name="To"/> (exclusive) local time in
/// <paramref name="TimeZone"/>. <c>From &gt; To</c> crosses midnight; <c>From == To</c> covers the whole day.
/// </summary>
/// <param name="Label">How status names the window, e.g. <c>scheduledMinTaskCount[1] 22:00-06:00 Asia/Tokyo</c>.</param>
public sealed record MinimumWindow(TimeOnly From, TimeOnly To, int Count, TimeZoneInfo TimeZone, string Label)
{
    public bool Covers(DateTimeOffset now)
    {
        var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(now, TimeZone).TimeOfDay);
        if (From == To) return true;
        return From < To ? local >= From && local < To : local >= From || local < To;
    }
}
