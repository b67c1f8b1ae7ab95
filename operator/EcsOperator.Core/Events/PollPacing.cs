namespace EcsOperator.Core.Events;

/// <summary>
/// How far the periodic polls may stretch. While AWS events flow (the events queue answers and events keep arriving,
/// see <see cref="EventIntakeStats.Flowing"/>) a change reaches the operator as an event within a second, so the polls
/// that would otherwise notice it run <see cref="Stretch"/> times less often; they still run, as the fallback for a lost
/// event or a change no event reports. When the queue falls silent or cannot be read, every poll is back to its usual
/// interval. Without an events queue (<see cref="Usual"/>) nothing stretches.
/// </summary>
public sealed class PollPacing(EventIntakeStats? stats = null)
{
    /// <summary>No events intake: every interval stays as configured.</summary>
    public static PollPacing Usual { get; } = new();

    /// <summary>How many times longer a poll interval is while events flow.</summary>
    public double Stretch { get; init; } = 10;

    /// <summary>True while polls run at their stretched intervals.</summary>
    public bool Stretched => stats?.Flowing == true;

    /// <summary><paramref name="usual"/>, or <see cref="Stretch"/> times it while events flow.</summary>
    public TimeSpan For(TimeSpan usual) => Stretched ? usual * Stretch : usual;
}
