using System.Collections.Concurrent;

namespace EcsOperator.Core.Events;

/// <summary>Counters of the events intake (exported as metrics), and whether events are flowing: the queue answered
/// recently and an event arrived within <see cref="SilenceWindow"/>.</summary>
public sealed class EventIntakeStats(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> routed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> dropped = new(StringComparer.Ordinal);
    private long lastReachTicks = long.MinValue;
    private long lastEventTicks = long.MinValue;

    /// <summary>With no event for this long the queue counts as silent.</summary>
    public TimeSpan SilenceWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a successful receive vouches for the queue being reachable.</summary>
    public TimeSpan ReachWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Events routed, by kind (TaskStateChanged, AlarmStateChanged, ...).</summary>
    public IReadOnlyDictionary<string, long> RoutedByKind => routed.ToDictionary();

    /// <summary>Messages dropped, by reason: unknown (an event type not acted on), malformed, failed (routing kept failing).</summary>
    public IReadOnlyDictionary<string, long> DroppedByReason => dropped.ToDictionary();

    public long RoutedTotal => routed.Values.Sum();

    public long DroppedTotal => dropped.Values.Sum();

    /// <summary>True while the queue answers and events arrive: polls may then run at their longer fallback intervals.</summary>
    public bool Flowing
    {
        get
        {
            var now = time.GetUtcNow().UtcTicks;
            return Within(now, Interlocked.Read(ref lastReachTicks), ReachWindow) && Within(now, Interlocked.Read(ref lastEventTicks), SilenceWindow);
        }
    }

    /// <summary>True when <paramref name="at"/> was set and lies within <paramref name="window"/> before <paramref name="now"/>
    /// (never set is long.MinValue, which a plain subtraction would overflow into "just now").</summary>
    private static bool Within(long now, long at, TimeSpan window) => at != long.MinValue && now - at < window.Ticks;

    public void Reachable(DateTimeOffset at) => Interlocked.Exchange(ref lastReachTicks, at.UtcTicks);

    public void Unreachable() => Interlocked.Exchange(ref lastReachTicks, long.MinValue);

    public void Routed(AwsEvent e, DateTimeOffset at)
    {
        routed.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
        Interlocked.Exchange(ref lastEventTicks, at.UtcTicks);
    }

    public void Dropped(string reason) => dropped.AddOrUpdate(reason, 1, (_, n) => n + 1);
}
