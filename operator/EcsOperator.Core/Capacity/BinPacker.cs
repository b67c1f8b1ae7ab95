namespace EcsOperator.Core.Capacity;

/// <summary>First-fit decreasing over two dimensions (cpu, memory), every bin one instance of the same size.</summary>
internal static class BinPacker
{
    /// <summary>Instances needed for the demand, and the tasks that can never fit one instance. With no instance size
    /// known yet, sized tasks ask for one instance (enough to learn the size).</summary>
    public static (int Instances, IReadOnlyList<string> Unplaceable) Pack(IReadOnlyList<TaskDemand> demand, TaskSize? instance)
    {
        var unplaceable = new List<string>();
        var items = new List<(double Cpu, double Mem)>();
        var dedicated = 0;
        var awaitingSize = false;
        foreach (var d in demand)
        {
            if (d.Count <= 0) continue;
            if (d.RequiredCapacity is { } r && r > 0)
            {
                if (r >= 1) dedicated += checked((int)Math.Ceiling(r) * d.Count);
                else items.AddRange(Enumerable.Repeat((r, r), d.Count));
                continue;
            }
            if (d.Size is not { } size || size.Cpu <= 0 && size.Memory <= 0)
            {
                dedicated += d.Count; // unknown size: one instance per task, as the old tool's default requiredCapacity of 1
                continue;
            }
            if (instance is not { } bin)
            {
                awaitingSize = true;
                continue;
            }
            var cpu = bin.Cpu > 0 ? (double)Math.Max(0, size.Cpu) / bin.Cpu : 0;
            var mem = bin.Memory > 0 ? (double)Math.Max(0, size.Memory) / bin.Memory : 0;
            if (cpu > 1 || mem > 1 || bin.Cpu <= 0 && size.Cpu > 0 || bin.Memory <= 0 && size.Memory > 0)
            {
                unplaceable.Add($"{d.Source}: {d.Count} task(s) of {size} do not fit one instance of {bin}");
                continue;
            }
            items.AddRange(Enumerable.Repeat((cpu, mem), d.Count));
        }

        var bins = PackByDotProduct(items);
        // Sized tasks but no registered instance to measure: ask for one instance, pack properly once it registers.
        return (bins + dedicated + (awaitingSize && bins + dedicated == 0 ? 1 : 0), unplaceable);
    }

    /// <summary>
    /// Fills one instance at a time, each time adding the task type that fits and points most along the instance's
    /// remaining room (dot product): cpu-heavy and memory-heavy tasks end up sharing instances, where first-fit
    /// decreasing would fill instances along one dimension only.
    /// </summary>
    private static int PackByDotProduct(List<(double Cpu, double Mem)> items)
    {
        const double Slack = 1e-9;
        var types = items.GroupBy(i => i).Select(g => (Size: g.Key, Left: g.Count())).ToArray();
        var remaining = items.Count;
        var bins = 0;
        while (remaining > 0)
        {
            bins++;
            var (roomCpu, roomMem) = (1.0, 1.0);
            while (true)
            {
                var best = -1;
                var bestScore = double.NegativeInfinity;
                for (var t = 0; t < types.Length; t++)
                {
                    var (size, left) = types[t];
                    if (left == 0 || size.Cpu > roomCpu + Slack || size.Mem > roomMem + Slack) continue;
                    var score = size.Cpu * roomCpu + size.Mem * roomMem;
                    if (score > bestScore) (best, bestScore) = (t, score);
                }
                if (best < 0) break;
                roomCpu -= types[best].Size.Cpu;
                roomMem -= types[best].Size.Mem;
                types[best].Left--;
                remaining--;
            }
        }
        return bins;
    }
}
