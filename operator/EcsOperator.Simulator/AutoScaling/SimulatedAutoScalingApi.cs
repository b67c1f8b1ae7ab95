using EcsOperator.Core.Aws;
using EcsOperator.Simulator.Api;
using EcsOperator.Simulator.Engine;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.AutoScaling;

/// <summary>EC2 Auto Scaling over the simulation, with Auto Scaling's ValidationError messages.</summary>
internal sealed class SimulatedAutoScalingApi(SimWorld world, ApiGuard guard) : IAutoScalingApi
{
    private async Task<T> Run<T>(string action, Func<T> body, CancellationToken ct)
    {
        await guard.BeforeCallAsync(action, ecsThrottled: false, ct);
        lock (world.Gate)
        {
            world.Advance();
            var result = body();
            world.Settle();
            return result;
        }
    }

    private Task Run(string action, Action body, CancellationToken ct) => Run(action, () => { body(); return true; }, ct);

    /// <summary>The group and its instances with these ids; a ValidationError names the first id not in the group.</summary>
    private (AsgRec Group, List<AsgInstanceRec> Found) Members(string groupName, IReadOnlyList<string> instanceIds)
    {
        var g = world.RequireGroup(groupName);
        var found = instanceIds.Select(id => g.Instances.Find(i => i.InstanceId == id)
            ?? throw SimWorld.Validation($"The instance {id} is not part of Auto Scaling group {groupName}.")).ToList();
        return (g, found);
    }

    private static AutoScalingInstance Render(AsgRec g, AsgInstanceRec i) =>
        new(i.InstanceId, g.Name, i.AvailabilityZone, i.LifecycleState, i.HealthStatus, i.ProtectedFromScaleIn);

    private static AutoScalingGroup Render(AsgRec g) =>
        new(g.Name, g.MinSize, g.MaxSize, g.DesiredCapacity, [.. g.AvailabilityZones], g.Instances.Select(i => Render(g, i)).ToList());

    public Task<IReadOnlyList<AutoScalingGroup>> DescribeAutoScalingGroupsAsync(IReadOnlyList<string> names, CancellationToken ct) =>
        Run<IReadOnlyList<AutoScalingGroup>>("DescribeAutoScalingGroups", () => names.Count == 0
            ? world.State.Groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal).Select(Render).ToList()
            : names.Distinct(StringComparer.Ordinal).Where(world.State.Groups.ContainsKey).Select(n => Render(world.State.Groups[n])).ToList(), ct);

    public Task SetDesiredCapacityAsync(string groupName, int desiredCapacity, bool honorCooldown, CancellationToken ct) =>
        Run("SetDesiredCapacity", () =>
        {
            var g = world.RequireGroup(groupName);
            if (desiredCapacity > g.MaxSize)
                throw SimWorld.Validation($"New SetDesiredCapacity value {desiredCapacity} is above max value {g.MaxSize} for the AutoScalingGroup.");
            if (desiredCapacity < g.MinSize)
                throw SimWorld.Validation($"New SetDesiredCapacity value {desiredCapacity} is below min value {g.MinSize} for the AutoScalingGroup.");
            g.DesiredCapacity = desiredCapacity;
            world.ConvergeGroup(g, immediate: false);
        }, ct);

    public Task UpdateAutoScalingGroupAsync(string groupName, int? minSize, int? maxSize, int? desiredCapacity, CancellationToken ct) =>
        Run("UpdateAutoScalingGroup", () =>
        {
            var g = world.RequireGroup(groupName);
            var min = minSize ?? g.MinSize;
            var max = maxSize ?? g.MaxSize;
            if (min > max) throw SimWorld.Validation($"Max bound, {max}, must be greater than or equal to min bound, {min}");
            if (desiredCapacity is { } d && (d < min || d > max))
                throw SimWorld.Validation($"Desired capacity:{d} must be between the specified min size:{min} and max size:{max}");
            g.MinSize = min;
            g.MaxSize = max;
            g.DesiredCapacity = Math.Clamp(desiredCapacity ?? g.DesiredCapacity, min, max);
            world.ConvergeGroup(g, immediate: false);
        }, ct);

    public Task DetachInstancesAsync(string groupName, IReadOnlyList<string> instanceIds, bool shouldDecrementDesiredCapacity, CancellationToken ct) =>
        Run("DetachInstances", () =>
        {
            var (g, found) = Members(groupName, instanceIds);
            if (shouldDecrementDesiredCapacity && g.DesiredCapacity - found.Count < g.MinSize)
                throw SimWorld.Validation($"Detaching {found.Count} instances will violate group's min size constraint ({g.MinSize}). Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.");
            foreach (var i in found)
            {
                i.LifecycleState = "Detached";
                g.Instances.Remove(i);
            }
            if (shouldDecrementDesiredCapacity) g.DesiredCapacity -= found.Count;
            world.ConvergeGroup(g, immediate: false);
        }, ct);

    public Task TerminateInstanceInAutoScalingGroupAsync(string instanceId, bool shouldDecrementDesiredCapacity, CancellationToken ct) =>
        Run("TerminateInstanceInAutoScalingGroup", () =>
        {
            var (g, i) = world.FindGroupInstance(instanceId)
                ?? throw SimWorld.Validation($"Instance Id not found - No managed instance found for instance ID: {instanceId}");
            if (i.LifecycleState is "Terminating" or "Terminated") return;
            if (shouldDecrementDesiredCapacity)
            {
                if (g.DesiredCapacity - 1 < g.MinSize)
                    throw SimWorld.Validation($"Currently, desiredSize equals minSize ({g.MinSize}). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.");
                g.DesiredCapacity--;
            }
            world.BeginTermination(g, i);
            world.ConvergeGroup(g, immediate: false);
        }, ct);

    public Task SetInstanceProtectionAsync(string groupName, IReadOnlyList<string> instanceIds, bool protectedFromScaleIn, CancellationToken ct) =>
        Run("SetInstanceProtection", () =>
        {
            var (g, found) = Members(groupName, instanceIds);
            foreach (var i in found) i.ProtectedFromScaleIn = protectedFromScaleIn;
            world.Changed();
        }, ct);

    public Task<IReadOnlyList<AutoScalingInstance>> DescribeAutoScalingInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken ct) =>
        Run<IReadOnlyList<AutoScalingInstance>>("DescribeAutoScalingInstances", () =>
        {
            var wanted = instanceIds.ToHashSet(StringComparer.Ordinal);
            return world.State.Groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal)
                .SelectMany(g => g.Instances.Where(i => wanted.Count == 0 || wanted.Contains(i.InstanceId)).Select(i => Render(g, i)))
                .ToList();
        }, ct);
}
