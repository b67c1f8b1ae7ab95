namespace EcsOperator.Core.Store;

/// <summary>
/// How the event stores fold a new event into a resource's rows, as Kubernetes' event correlator does: an event with
/// the same type, reason and message as a row last seen within <see cref="Window"/> increments that row's count and
/// last-seen time (and makes it the newest row); anything else is a new row. Expired rows go, and at most
/// <c>max</c> rows are kept, the oldest dropped first.
/// </summary>
public static class EventAggregation
{
    /// <summary>Repeats further apart than this start a new row (Kubernetes aggregates within ten minutes).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>The rows after recording <paramref name="evt"/> at <paramref name="now"/>; <paramref name="rows"/> is oldest first.</summary>
    public static List<ResourceEvent> Merge(IEnumerable<ResourceEvent> rows, ResourceEvent evt, DateTimeOffset now, TimeSpan ttl, int max)
    {
        var kept = rows.Where(r => r.LastTimestamp + ttl > now).ToList();
        var same = kept.FindLastIndex(r => r.Type == evt.Type && r.Reason == evt.Reason && r.Message == evt.Message && now - r.LastTimestamp < Window);
        if (same >= 0)
        {
            var row = kept[same];
            kept.RemoveAt(same);
            kept.Add(row with { Count = row.Count + Math.Max(1, evt.Count), LastTimestamp = now });
        }
        else
        {
            kept.Add(evt with { Count = Math.Max(1, evt.Count), FirstTimestamp = now, LastTimestamp = now });
        }
        if (kept.Count > max) kept.RemoveRange(0, kept.Count - max);
        return kept;
    }
}
