using EcsOperator.Core.Capacity;
using static EcsOperator.Core.Tests.Capacity.CapacityTestData;

namespace EcsOperator.Core.Tests.Capacity;

public sealed class CapacityDrainTests
{
    [Theory]
    //          ECS status, tasks now, seconds draining, expected: terminate / wait / reactivate / drop
    [InlineData("DRAINING", 0, 5, "terminate")]
    [InlineData("DRAINING", 0, 900, "terminate")]
    [InlineData("DRAINING", 1, 5, "wait")]         // gained a task since chosen: never terminated
    [InlineData("DRAINING", 1, 299, "wait")]
    [InlineData("DRAINING", 1, 300, "reactivate")] // drain timed out with a task on it: given back
    [InlineData("ACTIVE", 0, 5, "drop")]           // someone set it ACTIVE again: respected, may be chosen anew
    [InlineData("gone", 0, 5, "drop")]
    public void Drains_are_rechecked_every_pass(string ecs, int tasks, int secondsDraining, string expected)
    {
        var live = new List<PoolInstance> { Inst("i-1", tasks: 3), Inst("i-2", tasks: 1) };
        if (ecs != "gone") live.Add(Inst("i-9", ecs: ecs, tasks: tasks));
        var draining = new[] { new DrainingInstance("i-9", Now.AddSeconds(-secondsDraining)) };
        var plan = CapacityPlanner.Plan(Input(live, "4x1024/2048", desired: 3, draining: draining));

        Assert.Equal(2, plan.RequiredInstances);
        Assert.Equal(expected == "terminate", plan.Terminate.Contains("i-9"));
        Assert.Equal(expected == "reactivate", plan.Reactivate.Contains("i-9"));
        Assert.Equal(expected == "wait", plan.Draining.Any(d => d.InstanceId == "i-9"));
        if (expected == "wait") Assert.Equal(Now.AddSeconds(-secondsDraining), plan.Draining.Single().Since);
        Assert.Null(plan.TargetCapacity);
    }

    [Fact]
    public void Scale_up_while_draining_reuses_the_drained_instance_before_launching()
    {
        var live = new[] { Inst("i-1", tasks: 2), Inst("i-2", ecs: "DRAINING") };
        var plan = CapacityPlanner.Plan(Input(live, "6x1024/2048", draining: [new DrainingInstance("i-2", Now.AddSeconds(-30))]));
        Assert.Equal(3, plan.RequiredInstances);
        Assert.Equal(["i-2"], plan.Reactivate);
        Assert.Empty(plan.Terminate);
        Assert.Equal(3, plan.TargetCapacity);
        Assert.Empty(plan.Draining);
    }

    [Fact]
    public void Instances_that_never_register_are_reported_then_replaced_after_the_grace()
    {
        var live = new[] { Inst("i-1", tasks: 1), Inst("i-2", ecs: null, firstSeenSecondsAgo: 100), Inst("i-3", ecs: null, firstSeenSecondsAgo: 700) };
        var plan = CapacityPlanner.Plan(Input(live, "3x1024/2048"));
        Assert.Equal(["i-2", "i-3"], plan.Unregistered);
        Assert.Equal(["i-3"], plan.Replace);
        Assert.DoesNotContain("i-3", plan.StartDraining);
        Assert.Null(plan.TargetCapacity);
    }

    [Fact]
    public void A_steady_pool_plans_nothing()
    {
        var live = new[] { Inst("i-1", tasks: 2), Inst("i-2", tasks: 2) };
        var plan = CapacityPlanner.Plan(Input(live, "4x1024/2048"));
        Assert.False(plan.HasActions);
        Assert.True(plan.Ready);
    }

    [Fact]
    public void Foreign_drains_do_not_count_as_capacity()
    {
        var live = new[] { Inst("i-1", tasks: 2), Inst("i-2", ecs: "DRAINING", tasks: 1) };
        var plan = CapacityPlanner.Plan(Input(live, "4x1024/2048"));
        Assert.Equal(3, plan.TargetCapacity);
        Assert.Empty(plan.Reactivate);
    }

    [Fact]
    public void At_max_size_the_pool_is_ready_with_what_it_can_get()
    {
        var live = new[] { Inst("i-1", tasks: 4), Inst("i-2", tasks: 4) };
        var plan = CapacityPlanner.Plan(Input(live, "12x512/1024", max: 2));
        Assert.Equal(3, plan.RequiredInstances);
        Assert.Null(plan.TargetCapacity);
        Assert.True(plan.Ready);
    }
}
