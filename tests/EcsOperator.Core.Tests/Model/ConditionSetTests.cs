using EcsOperator.Core.Model;

namespace EcsOperator.Core.Tests.Model;

public sealed class ConditionSetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Set_reports_changes_and_keeps_the_transition_time_while_status_holds()
    {
        var set = new ConditionSet();

        Assert.True(set.Set(ConditionTypes.Available, ConditionStatus.False, "Rolling", "0/2 running", T0));
        Assert.False(set.Set(ConditionTypes.Available, ConditionStatus.False, "Rolling", "0/2 running", T0.AddMinutes(1)));
        Assert.True(set.Set(ConditionTypes.Available, ConditionStatus.False, "Rolling", "1/2 running", T0.AddMinutes(2)));
        Assert.Equal(T0, set.Get(ConditionTypes.Available)!.LastTransitionTime);

        Assert.True(set.Set(ConditionTypes.Available, ConditionStatus.True, "Ready", "2/2 running", T0.AddMinutes(3)));
        Assert.Equal(T0.AddMinutes(3), set.Get(ConditionTypes.Available)!.LastTransitionTime);
        Assert.True(set.IsTrue(ConditionTypes.Available));
    }

    [Fact]
    public void Keeps_conditions_in_order_and_removes_by_type()
    {
        var set = new ConditionSet([new Condition(ConditionTypes.Progressing, ConditionStatus.True, "NewRevision", "", T0)]);
        set.Set(ConditionTypes.Degraded, ConditionStatus.False, "AsExpected", "", T0);

        Assert.Equal([ConditionTypes.Progressing, ConditionTypes.Degraded], set.Items.Select(c => c.Type));
        Assert.True(set.Remove(ConditionTypes.Progressing));
        Assert.False(set.Remove(ConditionTypes.Progressing));
        Assert.Equal([ConditionTypes.Degraded], set.ToList().Select(c => c.Type));
    }
}
