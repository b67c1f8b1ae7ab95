using EcsOperator.Core.Model;

namespace EcsOperator.Core.Tests.Model;

public sealed class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Set_keeps_the_transition_time_while_status_holds_and_returns_the_same_list_when_nothing_changed()
    {
        var list = Array.Empty<Condition>().Set(ConditionTypes.Available, ConditionStatus.False, "Rolling", "0/2 running", T0);

        Assert.Same(list, list.Set(ConditionTypes.Available, ConditionStatus.False, "Rolling", "0/2 running", T0.AddMinutes(1)));
        list = list.Set(ConditionTypes.Available, false, "Rolling", "1/2 running", T0.AddMinutes(2));
        Assert.Equal(T0, list.Find(ConditionTypes.Available)!.LastTransitionTime);
        Assert.Equal("1/2 running", list.Find(ConditionTypes.Available)!.Message);

        list = list.Set(ConditionTypes.Available, true, "Ready", "2/2 running", T0.AddMinutes(3));
        Assert.Equal(T0.AddMinutes(3), list.Find(ConditionTypes.Available)!.LastTransitionTime);
        Assert.True(list.IsTrue(ConditionTypes.Available));
    }

    [Fact]
    public void Keeps_conditions_in_order_and_removes_by_type()
    {
        IReadOnlyList<Condition> list = [new Condition(ConditionTypes.Progressing, ConditionStatus.True, "NewRevision", "", T0)];
        list = list.Set(ConditionTypes.Degraded, false, "AsExpected", "", T0);

        Assert.Equal([ConditionTypes.Progressing, ConditionTypes.Degraded], list.Select(c => c.Type));
        var removed = list.Remove(ConditionTypes.Progressing);
        Assert.Same(removed, removed.Remove(ConditionTypes.Progressing));
        Assert.Equal([ConditionTypes.Degraded], removed.Select(c => c.Type));
    }

    [Fact]
    public void Transition_times_are_kept_to_the_millisecond_the_time_format_writes()
    {
        var list = Array.Empty<Condition>().Set(ConditionTypes.Ready, true, "Ok", "", T0.AddTicks(12_345));

        Assert.Equal(T0.AddMilliseconds(1), list.Find(ConditionTypes.Ready)!.LastTransitionTime);
        Assert.Equal("2026-11-26T00:00:00.001Z", Rfc3339.Format(list.Find(ConditionTypes.Ready)!.LastTransitionTime));
    }
}
