namespace EcsOperator.Core.Scaling;

/// <summary>Everything one scaling decision looks at. Pure data: the reconciler reads it fresh every pass.</summary>
/// <param name="CurrentCount">The service's live desiredCount, read this pass.</param>
/// <param name="AlarmStates">Alarm name → state (OK, ALARM, INSUFFICIENT_DATA). A trigger whose alarm is absent is a missing alarm.</param>
/// <param name="QueueDepths">Queue URL → depth. A queue trigger whose queue is absent could not be read.</param>
/// <param name="LastScaleTime">When the operator last changed the count (null = never).</param>
/// <param name="CeilingTimer">Since when the count has stood at a (non-top) stage ceiling, as kept in status.</param>
public sealed record ScaleInput(
    ScaleRules Rules,
    int CurrentCount,
    IReadOnlyDictionary<string, string> AlarmStates,
    IReadOnlyDictionary<string, QueueDepth> QueueDepths,
    DateTimeOffset Now,
    DateTimeOffset? LastScaleTime,
    CeilingTimer? CeilingTimer);

/// <summary>An SQS queue's approximate visible and in-flight (not visible) message counts.</summary>
public sealed record QueueDepth(long Visible, long InFlight)
{
    public long Total => Visible + InFlight;
}

/// <summary>The count reached stage ceiling <paramref name="Ceiling"/> at <paramref name="ReachedAt"/> and has stayed there.</summary>
public sealed record CeilingTimer(int Ceiling, DateTimeOffset ReachedAt);
