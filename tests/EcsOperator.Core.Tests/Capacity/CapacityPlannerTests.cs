using EcsOperator.Core.Capacity;
using static EcsOperator.Core.Tests.Capacity.CapacityTestData;

namespace EcsOperator.Core.Tests.Capacity;

public sealed class CapacityPlannerTests
{
    [Theory]
    [InlineData("", 0, 0)]
    [InlineData("", 2, 2)]
    [InlineData("4x512/1024", 0, 1)]
    [InlineData("5x512/1024", 0, 2)]
    [InlineData("4x512/1024", 1, 2)]
    [InlineData("3x1024/1024,2x512/3072", 0, 3)]      // cpu-heavy and memory-heavy tasks share instances
    [InlineData("8x1024/512,8x256/1536", 0, 6)]       // optimal; first-fit decreasing would need 8
    [InlineData("3xcap0.5", 0, 2)]
    [InlineData("3xcap1", 0, 3)]
    [InlineData("1xcap2", 0, 2)]
    [InlineData("2x?", 0, 2)]                          // unknown task size: one instance per task
    [InlineData("1x4096/1024", 0, 0)]                  // can never fit: reported, not counted
    [InlineData("2x512/1024,2xcap0.5", 0, 2)]          // packed tasks and required capacity fill the same instances
    [InlineData("0x512/1024", 0, 0)]
    public void Required_instances_pack_tasks_against_registered_resources(string demand, int buffer, int expected)
    {
        var plan = CapacityPlanner.Plan(Input([Inst("i-1"), Inst("i-2")], demand, buffer: buffer, max: 50));
        Assert.True(expected == plan.RequiredInstances, $"expected {expected}, got {plan.RequiredInstances}: {plan.Reason}");
    }

    [Fact]
    public void Tasks_larger_than_an_instance_are_reported()
    {
        var plan = CapacityPlanner.Plan(Input([Inst("i-1")], "1x4096/1024"));
        Assert.Single(plan.Unplaceable);
        Assert.Contains("App/default/app0", plan.Unplaceable[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Daemon_reservation_is_taken_off_every_instance()
    {
        var plan = CapacityPlanner.Plan(Input([Inst("i-1")], "4x512/1024", daemon: new TaskSize(256, 512)));
        Assert.Equal(2, plan.RequiredInstances);
        Assert.Equal(new TaskSize(1792, 3584), plan.InstanceSize);
    }

    [Fact]
    public void The_most_common_registered_size_is_the_bin()
    {
        var big = new TaskSize(4096, 8192);
        var plan = CapacityPlanner.Plan(Input([Inst("i-1", size: big), Inst("i-2"), Inst("i-3"), Inst("i-4", ecs: null)], "8x512/1024"));
        Assert.Equal(M5Large, plan.InstanceSize);
        Assert.Equal(2, plan.RequiredInstances);
    }

    [Fact]
    public void Without_a_registered_instance_one_is_asked_for_to_learn_the_size()
    {
        var plan = CapacityPlanner.Plan(Input([], "12x512/1024", desired: 0));
        Assert.Equal(1, plan.RequiredInstances);
        Assert.Equal(1, plan.TargetCapacity);
        Assert.Null(plan.InstanceSize);
    }

    [Theory]
    [InlineData(2, 20, 5)]
    [InlineData(2, 4, 4)]
    [InlineData(4, 4, null)]
    public void Scale_up_raises_desired_capacity_within_max(int instances, int max, int? expected)
    {
        var live = Enumerable.Range(1, instances).Select(i => Inst($"i-{i}", tasks: 2)).ToList();
        var plan = CapacityPlanner.Plan(Input(live, "10x1024/2048", max: max));
        Assert.Equal(5, plan.RequiredInstances);
        Assert.Equal(expected, plan.TargetCapacity);
        Assert.Empty(plan.StartDraining);
    }

    [Fact]
    public void Pending_and_unregistered_instances_inside_the_grace_count_as_coming()
    {
        var live = new[] { Inst("i-1", tasks: 2), Inst("i-2", ecs: null, firstSeenSecondsAgo: 30), Inst("i-3", ecs: null, lifecycle: "Pending", firstSeenSecondsAgo: 5) };
        var plan = CapacityPlanner.Plan(Input(live, "6x1024/2048"));
        Assert.Equal(3, plan.RequiredInstances);
        Assert.Null(plan.TargetCapacity);
        Assert.False(plan.Ready);
        Assert.Equal(["i-2"], plan.Unregistered);
        Assert.Empty(plan.Replace);
    }

    [Fact]
    public void Only_instances_running_no_task_at_all_are_chosen_for_scale_in()
    {
        // i-1 runs a service task, i-4 a daemon task, i-5 a long-running Job: all protect their instance.
        var live = new[] { Inst("i-1", tasks: 1), Inst("i-2"), Inst("i-3"), Inst("i-4", tasks: 1), Inst("i-5", tasks: 1) };
        var plan = CapacityPlanner.Plan(Input(live, "1x512/1024"));
        Assert.Equal(1, plan.RequiredInstances);
        Assert.Equal(["i-2", "i-3"], plan.StartDraining.Order());
        Assert.Null(plan.TargetCapacity);
        Assert.Empty(plan.Terminate);
        Assert.All(plan.Draining, d => Assert.Equal(Now, d.Since));
    }

    [Fact]
    public void Scale_in_keeps_availability_zones_balanced()
    {
        var live = new[]
        {
            Inst("a-1", "us-east-1a"), Inst("a-2", "us-east-1a"), Inst("a-3", "us-east-1a"),
            Inst("b-1", "us-east-1b"), Inst("b-2", "us-east-1b"),
            Inst("c-1", "us-east-1c"),
        };
        var plan = CapacityPlanner.Plan(Input(live, "", min: 3));
        Assert.Equal(3, plan.StartDraining.Count);
        var left = live.Where(i => !plan.StartDraining.Contains(i.InstanceId)).GroupBy(i => i.AvailabilityZone).Select(g => g.Count());
        Assert.All(left, n => Assert.Equal(1, n));
    }

    [Fact]
    public void Scale_in_never_goes_below_min_size_and_skips_protected_instances()
    {
        var live = new[] { Inst("i-1", protectedFromScaleIn: true), Inst("i-2"), Inst("i-3"), Inst("i-4") };
        var plan = CapacityPlanner.Plan(Input(live, "", min: 2));
        Assert.Equal(2, plan.StartDraining.Count);
        Assert.DoesNotContain("i-1", plan.StartDraining);
    }

    [Fact]
    public void Scale_in_disabled_starts_no_drain_and_undoes_ours()
    {
        var live = new[] { Inst("i-1"), Inst("i-2", ecs: "DRAINING") };
        var plan = CapacityPlanner.Plan(Input(live, "", scaleIn: false, draining: [new DrainingInstance("i-2", Now.AddSeconds(-10))]));
        Assert.Empty(plan.StartDraining);
        Assert.Empty(plan.Terminate);
        Assert.Equal(["i-2"], plan.Reactivate);
    }
}
