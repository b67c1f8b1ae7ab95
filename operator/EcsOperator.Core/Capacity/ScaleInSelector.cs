namespace EcsOperator.Core.Capacity;

/// <summary>Chooses instances to remove: only registered, ACTIVE, unprotected, in-service instances running no task at all,
/// each time from the Availability Zone that has the most instances left, so zones stay balanced.</summary>
internal static class ScaleInSelector
{
    public static IReadOnlyList<string> Choose(IReadOnlyList<PoolInstance> live, IReadOnlySet<string> leaving, int count)
    {
        var chosen = new List<string>();
        if (count <= 0) return chosen;
        var remaining = live.Where(i => !leaving.Contains(i.InstanceId)).ToList();
        var perZone = remaining.GroupBy(i => i.AvailabilityZone, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var candidates = remaining
            .Where(i => i is { LifecycleState: "InService", EcsStatus: "ACTIVE", Tasks: 0, ProtectedFromScaleIn: false } && i.IsRegistered)
            .OrderBy(i => i.FirstSeen).ThenBy(i => i.InstanceId, StringComparer.Ordinal)
            .ToList();
        while (chosen.Count < count && candidates.Count > 0)
        {
            var pick = candidates
                .OrderByDescending(i => perZone[i.AvailabilityZone])
                .ThenBy(i => i.AvailabilityZone, StringComparer.Ordinal)
                .First();
            chosen.Add(pick.InstanceId);
            candidates.Remove(pick);
            perZone[pick.AvailabilityZone]--;
        }
        return chosen;
    }
}
