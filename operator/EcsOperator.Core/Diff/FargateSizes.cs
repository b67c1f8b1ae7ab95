namespace EcsOperator.Core.Diff;

/// <summary>ECS's table of task sizes Fargate runs: CPU units → memory (MiB) from, to and in steps of. Windows on
/// Fargate takes only 1, 2 and 4 vCPU; 8 and 16 vCPU need Linux platform 1.4.0 or later.</summary>
public static class FargateSizes
{
    private static readonly Dictionary<long, (long Min, long Max, long Step)> Table = new()
    {
        [256] = (512, 2048, 512),
        [512] = (1024, 4096, 1024),
        [1024] = (2048, 8192, 1024),
        [2048] = (4096, 16384, 1024),
        [4096] = (8192, 30720, 1024),
        [8192] = (16384, 61440, 4096),
        [16384] = (32768, 122880, 8192),
    };

    /// <summary>True when Fargate runs a task of <paramref name="cpu"/> units and <paramref name="memory"/> MiB.</summary>
    public static bool Allows(long cpu, long memory, bool windows) =>
        Table.TryGetValue(cpu, out var r) && memory >= r.Min && memory <= r.Max && (memory - r.Min) % r.Step == 0
        && (!windows || cpu is >= 1024 and <= 4096);

    /// <summary>The memory Fargate takes with <paramref name="cpu"/>, for messages ("1024-4096 MiB in steps of 1024").</summary>
    public static string MemoryFor(long cpu) =>
        Table.TryGetValue(cpu, out var r) ? $"{r.Min}-{r.Max} MiB in steps of {r.Step}" : $"none (Fargate cpu is one of {string.Join(", ", Table.Keys)})";
}
