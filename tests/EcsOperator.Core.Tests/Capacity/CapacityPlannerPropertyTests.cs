using CsCheck;
using EcsOperator.Core.Capacity;
using static EcsOperator.Core.Tests.Capacity.CapacityTestData;

namespace EcsOperator.Core.Tests.Capacity;

public sealed class CapacityPlannerPropertyTests
{
    private static readonly string[] Zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    private static readonly string?[] EcsStates = ["ACTIVE", "ACTIVE", "ACTIVE", "DRAINING", null];

    private static readonly Gen<TaskDemand> GenDemand =
        Gen.Select(Gen.Int[0, 12], Gen.Int[1, 2048], Gen.Int[1, 4096], (n, c, m) => new TaskDemand("App/default/x", n, new TaskSize(c, m)));

    private static readonly Gen<PoolInstance> GenInstance =
        Gen.Select(Gen.Int[0, 999], Gen.OneOf(Zones), Gen.Int[0, 3], Gen.OneOf(EcsStates), Gen.Bool, Gen.Int[0, 2000],
            (id, az, tasks, ecs, prot, seen) => Inst($"i-{id}", az, tasks, ecs, protectedFromScaleIn: prot, firstSeenSecondsAgo: seen));

    private static readonly Gen<CapacityInput> GenInput =
        Gen.Select(GenInstance.List[0, 12], GenDemand.List[0, 4], Gen.Int[0, 2], Gen.Int[0, 3], Gen.Bool, Gen.Int[0, 600],
            (instances, demand, buffer, min, scaleIn, drainAge) =>
            {
                var unique = instances.DistinctBy(i => i.InstanceId).ToList();
                var draining = unique.Where(i => i.EcsStatus == "DRAINING" && i.InstanceId.EndsWith('1'))
                    .Select(i => new DrainingInstance(i.InstanceId, Now.AddSeconds(-drainAge))).ToList();
                return new CapacityInput(unique, demand, buffer, min, 20, unique.Count, scaleIn, TimeSpan.FromSeconds(300),
                    TimeSpan.FromSeconds(600), draining, Now);
            });

    [Fact]
    public void Packing_is_never_below_the_resource_lower_bound_nor_above_one_per_task() =>
        GenDemand.List[1, 6].Sample(demand =>
        {
            var plan = CapacityPlanner.Plan(new CapacityInput([Inst("i-1")], demand, 0, 0, 1000, 1, false,
                TimeSpan.Zero, TimeSpan.Zero, [], Now));
            var cpu = demand.Sum(d => (double)d.Count * d.Size!.Value.Cpu / M5Large.Cpu);
            var mem = demand.Sum(d => (double)d.Count * d.Size!.Value.Memory / M5Large.Memory);
            var lower = (int)Math.Ceiling(Math.Max(cpu, mem) - 1e-9);
            return plan.RequiredInstances >= lower && plan.RequiredInstances <= demand.Sum(d => d.Count);
        }, iter: 3_000);

    [Fact]
    public void Nothing_busy_is_ever_drained_or_terminated_and_the_group_never_goes_below_min() =>
        GenInput.Sample(input =>
        {
            var plan = CapacityPlanner.Plan(input);
            var byId = input.Instances.ToDictionary(i => i.InstanceId);
            var removedWithDecrement = plan.Terminate.Count;
            return plan.StartDraining.All(id => byId[id] is { Tasks: 0, EcsStatus: "ACTIVE", ProtectedFromScaleIn: false })
                && plan.Terminate.All(id => byId[id] is { Tasks: 0, EcsStatus: "DRAINING" })
                && (!plan.StartDraining.Any() || input.ScaleInEnabled)
                && input.DesiredCapacity - removedWithDecrement - plan.Draining.Count >= Math.Min(input.MinSize, input.DesiredCapacity - input.Draining.Count)
                && plan.StartDraining.Intersect(plan.Replace).Any() == false;
        }, iter: 10_000);
}
