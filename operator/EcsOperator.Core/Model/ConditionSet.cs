namespace EcsOperator.Core.Model;

/// <summary>
/// A mutable working copy of a status' conditions. <see cref="Set"/> keeps <c>lastTransitionTime</c> unless the status
/// flips, so writing the same observation twice changes nothing.
/// </summary>
public sealed class ConditionSet
{
    private readonly List<Condition> _items;

    public ConditionSet(IEnumerable<Condition>? conditions = null) => _items = conditions?.ToList() ?? [];

    public IReadOnlyList<Condition> Items => _items;

    public Condition? Get(string type) => _items.Find(c => c.Type == type);

    public bool IsTrue(string type) => Get(type)?.Status == ConditionStatus.True;

    /// <summary>Adds or updates the condition of <paramref name="type"/>; returns whether anything changed.</summary>
    public bool Set(string type, string status, string reason, string message, DateTimeOffset now)
    {
        var i = _items.FindIndex(c => c.Type == type);
        if (i < 0)
        {
            _items.Add(new Condition(type, status, reason, message, now));
            return true;
        }
        var old = _items[i];
        if (old.Status == status && old.Reason == reason && old.Message == message) return false;
        _items[i] = new Condition(type, status, reason, message, old.Status == status ? old.LastTransitionTime : now);
        return true;
    }

    /// <summary>Removes the condition of <paramref name="type"/>; returns whether it was there.</summary>
    public bool Remove(string type) => _items.RemoveAll(c => c.Type == type) > 0;

    public IReadOnlyList<Condition> ToList() => _items.ToList();
}
