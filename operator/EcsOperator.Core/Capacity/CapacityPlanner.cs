namespace EcsOperator.Core.Capacity;

/// <summary>
/// Sizes an Auto Scaling group to its tasks. Scale-up raises desired capacity (reusing
/// draining instances first); scale-in never lowers desired capacity directly: it drains instances that run no task
/// at all, keeping Availability Zones balanced, and terminates them with decrement once they are drained and still empty.
/// </summary>
public static class CapacityPlanner
{
    public static CapacityPlan Plan(CapacityInput input)
    {
        var live = input.Instances.Where(i => i.IsLive).DistinctBy(i => i.InstanceId).ToList();
        // Standby instances are out of service but still the group's (and still paid for): not in its desired capacity,
        // but counted per zone and the first to go on scale-in.
        var standby = input.Instances.Where(i => i.IsStandby && live.All(l => l.InstanceId != i.InstanceId)).DistinctBy(i => i.InstanceId).ToList();
        var byId = live.Concat(standby).ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        var size = InstanceSize(live, input.DaemonReservation);
        var (packed, unplaceable) = BinPacker.Pack(input.Demand, size);
        var required = packed + Math.Max(0, input.Buffer);
        var target = Math.Clamp(required, Math.Max(0, input.MinSize), Math.Max(input.MinSize, input.MaxSize));

        var unregistered = live.Where(i => !i.IsRegistered && i.LifecycleState == "InService").ToList();
        var replace = unregistered.Where(i => input.Now - i.FirstSeen >= input.RegistrationGrace).Select(i => i.InstanceId).ToList();

        // Our drains, re-checked: an instance that gained a task is never terminated.
        var ready = new List<PoolInstance>();
        var waiting = new List<DrainingInstance>();
        var reactivate = new List<string>();
        foreach (var d in input.Draining.DistinctBy(d => d.InstanceId))
        {
            if (!byId.TryGetValue(d.InstanceId, out var inst) || inst.EcsStatus != "DRAINING") continue;
            if (!input.ScaleInEnabled) reactivate.Add(d.InstanceId);
            else if (inst.Tasks == 0) ready.Add(inst);
            else if (input.Now - d.Since >= input.DrainTimeout) reactivate.Add(d.InstanceId);
            else waiting.Add(d);
        }

        var ours = input.Draining.Select(d => d.InstanceId).ToHashSet(StringComparer.Ordinal);
        var foreignInactive = live.Count(i => i.IsRegistered && i.EcsStatus != "ACTIVE" && !ours.Contains(i.InstanceId));
        var provisioned = input.DesiredCapacity + standby.Count - ready.Count - waiting.Count - foreignInactive;

        int? targetCapacity = null;
        var terminate = new List<string>();
        var startDraining = new List<string>();
        var blocked = new ScaleInChoice([], [], []);
        if (target > provisioned)
        {
            var need = target - provisioned;
            foreach (var inst in ready.ToList())
            {
                if (need == 0) break;
                reactivate.Add(inst.InstanceId);
                ready.Remove(inst);
                need--;
            }
            foreach (var d in waiting.ToList())
            {
                if (need == 0) break;
                reactivate.Add(d.InstanceId);
                waiting.Remove(d);
                need--;
            }
            if (need > 0 && input.DesiredCapacity < input.MaxSize)
                targetCapacity = Math.Min(input.MaxSize, input.DesiredCapacity + need);
        }
        terminate.AddRange(ready.Select(i => i.InstanceId));

        if (input.ScaleInEnabled && provisioned > target)
        {
            var leaving = ours.Concat(replace).ToHashSet(StringComparer.Ordinal);
            blocked = ScaleInSelector.Choose([.. live, .. standby], leaving, provisioned - target);
            startDraining.AddRange(blocked.Chosen);
        }

        var draining = waiting
            .Concat(ready.Select(i => input.Draining.First(d => d.InstanceId == i.InstanceId)))
            .Where(d => !terminate.Contains(d.InstanceId))
            .Concat(startDraining.Select(id => new DrainingInstance(id, input.Now)))
            .ToList();
        var registeredActive = live.Count(i => i.IsRegistered && i.EcsStatus == "ACTIVE" && !startDraining.Contains(i.InstanceId))
            + reactivate.Count;
        var tasks = input.Demand.Sum(d => Math.Max(0, d.Count));
        var reason = $"{tasks} task(s) need {packed} instance(s)"
            + (size is { } s ? $" of {s}" : " (instance size unknown until one registers)")
            + $" + buffer {Math.Max(0, input.Buffer)} = {required}"
            + (target != required ? $", within group limits {input.MinSize}..{input.MaxSize}: {target}" : "");
        return new CapacityPlan(required, reason, targetCapacity, startDraining, reactivate, terminate, replace,
            unregistered.Select(i => i.InstanceId).ToList(), draining, unplaceable, registeredActive, size, target)
        {
            Protected = live.Concat(standby).Where(i => i.ProtectedFromScaleIn).Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList(),
            BlockedByProtection = blocked.Protected,
            HeldForBalance = blocked.HeldForBalance,
        };
    }

    /// <summary>The most common registered size among live instances (the smaller on ties), less the daemon reservation.</summary>
    public static TaskSize? InstanceSize(IReadOnlyList<PoolInstance> live, TaskSize? daemonReservation)
    {
        var sizes = live.Where(i => i.Registered is not null).Select(i => i.Registered!.Value).ToList();
        if (sizes.Count == 0) return null;
        var mode = sizes.GroupBy(s => s)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Cpu).ThenBy(g => g.Key.Memory)
            .First().Key;
        var reserved = daemonReservation ?? default;
        return new TaskSize(Math.Max(0, mode.Cpu - reserved.Cpu), Math.Max(0, mode.Memory - reserved.Memory));
    }
}
