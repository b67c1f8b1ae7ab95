namespace EcsOperator.Core.Capacity;

/// <summary>The instances chosen for scale-in, and the empty instances that could not be chosen, with why.</summary>
/// <param name="Protected">Empty instances skipped because they have scale-in protection.</param>
/// <param name="HeldForBalance">Empty instances kept because removing them would leave their zone more than one instance
/// below another zone.</param>
internal sealed record ScaleInChoice(IReadOnlyList<string> Chosen, IReadOnlyList<string> Protected, IReadOnlyList<string> HeldForBalance);

/// <summary>
/// Chooses instances to remove: registered, ACTIVE instances running no task at all, InService or on Standby (Standby
/// instances serve nothing, so they go first), never one with scale-in protection. An instance is removed only from a
/// zone that has at least as many instances as every other zone, so no removal leaves its zone below another by more than
/// one; when only smaller zones have empty instances, nothing is removed (a zone is never emptied to save an instance).
/// </summary>
internal static class ScaleInSelector
{
    public static ScaleInChoice Choose(IReadOnlyList<PoolInstance> instances, IReadOnlySet<string> leaving, int count)
    {
        if (count <= 0) return new ScaleInChoice([], [], []);
        var remaining = instances.Where(i => !leaving.Contains(i.InstanceId)).ToList();
        var perZone = remaining.GroupBy(i => i.AvailabilityZone, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var empty = remaining
            .Where(i => i is { LifecycleState: "InService" or "Standby", EcsStatus: "ACTIVE", Tasks: 0 } && i.IsRegistered)
            .OrderBy(i => i.LifecycleState == "Standby" ? 0 : 1)
            .ThenBy(i => i.FirstSeen).ThenBy(i => i.InstanceId, StringComparer.Ordinal)
            .ToList();
        var candidates = empty.Where(i => !i.ProtectedFromScaleIn).ToList();
        var chosen = new List<string>();
        while (chosen.Count < count)
        {
            var largest = perZone.Values.DefaultIfEmpty(0).Max();
            var pick = candidates
                .FirstOrDefault(i => perZone[i.AvailabilityZone] == largest);
            if (pick is null) break;
            chosen.Add(pick.InstanceId);
            candidates.Remove(pick);
            perZone[pick.AvailabilityZone]--;
        }
        if (chosen.Count == count) return new ScaleInChoice(chosen, [], []);
        var blocked = empty.Where(i => i.ProtectedFromScaleIn).Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList();
        var held = candidates.Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList();
        return new ScaleInChoice(chosen, blocked, held);
    }
}
