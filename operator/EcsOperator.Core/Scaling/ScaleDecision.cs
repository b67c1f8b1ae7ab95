namespace EcsOperator.Core.Scaling;

/// <summary>The outcome of one pass of <see cref="ScaleDecider"/>, with every reason status needs.</summary>
/// <param name="FiredTriggers">Triggers whose condition held this pass, including those that did not count (see <see cref="FiredTrigger.Counted"/>).</param>
/// <param name="CeilingTimer">The timer to keep in status for the next pass.</param>
/// <param name="NextEvaluationAt">The earliest time a decision may change without any input changing (end of idle time, a ceiling unlock).</param>
public sealed record ScaleDecision(
    int CurrentCount,
    int DesiredCount,
    string Reason,
    IReadOnlyList<FiredTrigger> FiredTriggers,
    MinimumInForce Minimum,
    CeilingInForce Ceiling,
    CeilingTimer? CeilingTimer,
    IReadOnlyList<string> MissingAlarms,
    IReadOnlyList<string> UnreadQueues,
    IReadOnlyList<ScaleCondition> Conditions,
    DateTimeOffset? IdleUntil,
    DateTimeOffset? NextEvaluationAt)
{
    public bool Changed => DesiredCount != CurrentCount;
}

/// <param name="Kind"><c>upscale</c>, <c>downscale</c> or <c>queue</c>.</param>
/// <param name="Source">The alarm name or queue URL.</param>
/// <param name="Effect">What it asked for: <c>+2</c>, <c>-1</c>, <c>7 tasks</c>.</param>
/// <param name="Counted">False when it fired but was overruled (a downscale that is not prioritized while an upscale fired).</param>
public sealed record FiredTrigger(string Kind, string Source, string Effect, bool Counted, string Note = "");

/// <param name="Source"><c>minTaskCount</c>, or the label of the scheduled window in force.</param>
public sealed record MinimumInForce(int Count, string Source);

/// <param name="Stage">0-based index into maxTaskCount of the ceiling in force.</param>
/// <param name="UnlocksAt">When the next stage becomes reachable, while the count waits at this ceiling.</param>
public sealed record CeilingInForce(int Count, int Stage, string Reason, DateTimeOffset? UnlocksAt);

/// <summary>A status condition without its transition time (the reconciler stamps that).</summary>
public sealed record ScaleCondition(string Type, string Status, string Reason, string Message);

/// <summary>Condition types and reasons a ScalePolicy reports (modelled on the Kubernetes HPA's).</summary>
public static class ScaleConditions
{
    /// <summary>True when every trigger's input could be read; False holds the count.</summary>
    public const string ScalingActive = nameof(ScalingActive);
    /// <summary>False while idle time after a change runs.</summary>
    public const string AbleToScale = nameof(AbleToScale);
    /// <summary>True when the minimum or a ceiling changed what the triggers asked for.</summary>
    public const string ScalingLimited = nameof(ScalingLimited);

    public const string AlarmNotFound = nameof(AlarmNotFound);
    public const string QueueUnavailable = nameof(QueueUnavailable);
    public const string TriggersEvaluated = nameof(TriggersEvaluated);
    public const string Idle = nameof(Idle);
    public const string ReadyForNewScale = nameof(ReadyForNewScale);
    public const string BelowMinimum = nameof(BelowMinimum);
    public const string StageCeiling = nameof(StageCeiling);
    public const string TopCeiling = nameof(TopCeiling);
    public const string DesiredWithinRange = nameof(DesiredWithinRange);
}
