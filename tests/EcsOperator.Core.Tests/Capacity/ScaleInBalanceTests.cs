using CsCheck;
using EcsOperator.Core.Capacity;
using static EcsOperator.Core.Tests.Capacity.CapacityTestData;

namespace EcsOperator.Core.Tests.Capacity;

/// <summary>Scale-in never leaves a zone more than one instance below another, takes Standby instances first and
/// never takes a protected one, saying which instances protection or balance kept.</summary>
public sealed class ScaleInBalanceTests
{
    private static readonly string[] Zones = ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"];
    private static readonly string[] Lifecycles = ["InService", "InService", "InService", "Standby", "Pending"];

    private static readonly Gen<PoolInstance> GenInstance =
        Gen.Select(Gen.Int[0, 999], Gen.OneOf(Zones), Gen.Int[0, 2], Gen.OneOf(Lifecycles), Gen.Int[0, 5], Gen.Int[0, 2000],
            (id, az, tasks, lifecycle, prot, seen) => Inst($"i-{id}", az, tasks, lifecycle: lifecycle, protectedFromScaleIn: prot == 0, firstSeenSecondsAgo: seen));

    private static readonly Gen<CapacityInput> GenInput =
        Gen.Select(GenInstance.List[0, 14], Gen.Int[0, 6], Gen.Int[0, 2], (instances, tasks, buffer) =>
        {
            var unique = instances.DistinctBy(i => i.InstanceId).ToList();
            return Input(unique, tasks == 0 ? "" : $"{tasks}x2048/4096", buffer: buffer, desired: unique.Count(i => i.IsLive));
        });

    [Fact]
    public void No_removal_leaves_its_zone_more_than_one_below_another() =>
        GenInput.Sample(input =>
        {
            var plan = CapacityPlanner.Plan(input);
            var perZone = input.Instances.Where(i => i.IsLive || i.IsStandby).Where(i => !plan.Replace.Contains(i.InstanceId))
                .GroupBy(i => i.AvailabilityZone).ToDictionary(g => g.Key, g => g.Count());
            foreach (var id in plan.StartDraining)
            {
                var zone = input.Instances.Single(i => i.InstanceId == id).AvailabilityZone;
                perZone[zone]--;
                if (perZone.Values.Any(n => n - perZone[zone] > 1)) return false;
            }
            return true;
        }, iter: 10_000);

    [Fact]
    public void Protected_instances_are_never_taken_and_an_unfinished_scale_in_says_why() =>
        GenInput.Sample(input =>
        {
            var plan = CapacityPlanner.Plan(input);
            var byId = input.Instances.ToDictionary(i => i.InstanceId);
            var protectedIds = input.Instances.Where(i => (i.IsLive || i.IsStandby) && i.ProtectedFromScaleIn).Select(i => i.InstanceId).Order().ToList();
            var emptyUnchosen = input.Instances.Where(i => i is { EcsStatus: "ACTIVE", Tasks: 0, LifecycleState: "InService" or "Standby" }
                && !plan.StartDraining.Contains(i.InstanceId)).ToList();
            var wanted = plan.StartDraining.Count > 0 || plan.BlockedByProtection.Count + plan.HeldForBalance.Count > 0;
            return plan.StartDraining.All(id => !byId[id].ProtectedFromScaleIn)
                && plan.Protected.SequenceEqual(protectedIds)
                && plan.BlockedByProtection.All(id => byId[id].ProtectedFromScaleIn)
                && plan.HeldForBalance.All(id => !byId[id].ProtectedFromScaleIn)
                && (!wanted || plan.BlockedByProtection.Count + plan.HeldForBalance.Count == 0 || emptyUnchosen.Count > 0);
        }, iter: 10_000);

    [Fact]
    public void The_only_empty_instance_of_a_smaller_zone_is_kept()
    {
        // Zone 1a: two busy instances; zone 1c: one empty; needed: 2 including the buffer. Removing 1c's instance
        // would leave 1c with none against 1a's two, so nothing is scaled in.
        var live = new[]
        {
            Inst("a-1", "ap-northeast-1a", tasks: 1), Inst("a-2", "ap-northeast-1a", tasks: 1),
            Inst("c-1", "ap-northeast-1c"),
        };
        var plan = CapacityPlanner.Plan(Input(live, "2x2048/4096", buffer: 0));
        Assert.Equal(2, plan.TargetInstances);
        Assert.Empty(plan.StartDraining);
        Assert.Equal(["c-1"], plan.HeldForBalance);
    }

    [Fact]
    public void Standby_instances_are_taken_first()
    {
        var live = new[]
        {
            Inst("a-1", "ap-northeast-1a", firstSeenSecondsAgo: 9000), Inst("a-2", "ap-northeast-1a", lifecycle: "Standby"),
            Inst("c-1", "ap-northeast-1c", firstSeenSecondsAgo: 9000), Inst("c-2", "ap-northeast-1c", tasks: 1),
        };
        var plan = CapacityPlanner.Plan(Input(live, "1x2048/4096", desired: 3));
        Assert.Equal(["a-2", "c-1", "a-1"], plan.StartDraining); // the Standby one first, though the others are older
    }

    [Fact]
    public void Protected_empty_instances_block_scale_in_and_are_named()
    {
        var live = new[] { Inst("i-1", protectedFromScaleIn: true), Inst("i-2", protectedFromScaleIn: true), Inst("i-3", tasks: 1, protectedFromScaleIn: true) };
        var plan = CapacityPlanner.Plan(Input(live, "1x2048/4096"));
        Assert.Empty(plan.StartDraining);
        Assert.Equal(["i-1", "i-2", "i-3"], plan.Protected);
        Assert.Equal(["i-1", "i-2"], plan.BlockedByProtection);
    }
}
