namespace EcsOperator.Core.Controller;

/// <summary>
/// The long backoff for a reconcile blocked by a missing external resource (a subnet, role, cluster, ... that other
/// tooling may still create): 30 s, doubling, at most 10 min.
/// </summary>
public static class MissingResourceRetry
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(10);

    /// <summary>The wait before attempt <paramref name="failures"/> + 1 (failures counted from 1).</summary>
    public static TimeSpan AfterFailures(int failures) =>
        TimeSpan.FromSeconds(Math.Min(Max.TotalSeconds, First.TotalSeconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 20))));

    /// <summary>The wait when the resource has been missing for <paramref name="missingFor"/>: as long again (which
    /// doubles the interval from one attempt to the next), within [30 s, 10 min]. Needs no per-key counter: the time
    /// comes from the condition's lastTransitionTime.</summary>
    public static TimeSpan AfterMissingFor(TimeSpan missingFor) =>
        missingFor < First ? First : missingFor > Max ? Max : missingFor;
}
