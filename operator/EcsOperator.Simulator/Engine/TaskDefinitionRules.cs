using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.Ecs;

namespace EcsOperator.Simulator.Engine;

/// <summary>The checks ECS makes on RegisterTaskDefinition, with ECS's messages.</summary>
internal static partial class TaskDefinitionRules
{
    [GeneratedRegex("^[a-zA-Z0-9_-]{1,255}$")]
    private static partial Regex FamilyPattern();

    /// <summary>Task-level cpu in the API's string form ("1024", "1 vCPU", ".25 vcpu") → CPU units.</summary>
    public static int? ParseCpu(string? s) => Units.CpuUnits(s) is { } n && n <= int.MaxValue ? (int)n : null;

    /// <summary>Task-level memory in the API's string form ("2048", "2 GB", ".5 gb") → MiB.</summary>
    public static int? ParseMemory(string? s) => Units.MemoryMiB(s) is { } n && n <= int.MaxValue ? (int)n : null;

    /// <summary>Validates a RegisterTaskDefinition request; returns task-level cpu and memory (MiB) for placement.</summary>
    public static (int Cpu, int Memory, bool FargateCompatible) Validate(JsonObject req)
    {
        var family = req.Str("family");
        if (string.IsNullOrEmpty(family)) throw EcsErrors.Client("Family should not be null or empty.");
        if (!FamilyPattern().IsMatch(family))
            throw EcsErrors.Client("Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
        var containers = req.Arr("containerDefinitions")?.OfType<JsonObject>().ToList();
        if (containers is null || containers.Count == 0) throw EcsErrors.Client("Container list cannot be empty.");
        if (req["cpu"] is not null and not JsonValue || req["memory"] is not null and not JsonValue)
            throw EcsErrors.InvalidParameter("cpu and memory must be strings.");
        var cpuText = req["cpu"]?.ToString();
        var memText = req["memory"]?.ToString();
        var cpu = ParseCpu(cpuText);
        var memory = ParseMemory(memText);
        if (cpuText is not null && (cpu is null || cpu < Units.MinTaskCpu || cpu > Units.MaxTaskCpu)) throw EcsErrors.Client($"Invalid 'cpu' setting for task: {cpuText}.");
        if (memText is not null && memory is null) throw EcsErrors.Client($"Invalid 'memory' setting for task: {memText}.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sumCpu = 0;
        var sumMemory = 0;
        foreach (var c in containers)
        {
            var name = c.Str("name");
            if (string.IsNullOrEmpty(name)) throw EcsErrors.Client("Container.name should not be null or empty.");
            if (!names.Add(name)) throw EcsErrors.Client($"Duplicate container name: {name}.");
            if (string.IsNullOrWhiteSpace(c.Str("image"))) throw EcsErrors.Client("Container.image should not be null or empty.");
            var cm = c.Int("memory");
            var cr = c.Int("memoryReservation");
            if (memory is null && cm is null && cr is null)
                throw EcsErrors.Client($"Invalid setting for container '{name}'. At least one of 'memory' or 'memoryReservation' must be specified.");
            if (cm is { } hard && cr is { } soft && soft > hard)
                throw EcsErrors.Client($"Invalid setting for container '{name}'. The memoryReservation must be less than or equal to memory.");
            if (cm is < 6) throw EcsErrors.Client($"Invalid setting for container '{name}'. The memory must be at least 6 MiB.");
            sumCpu += c.Int("cpu") ?? 0;
            sumMemory += cm ?? cr ?? 0;
        }
        if (!containers.Any(c => c.Bool("essential") ?? true))
            throw EcsErrors.Client("Task definition does not have any essential container.");
        var requires = req.Arr("requiresCompatibilities").Strings().ToList();
        var networkMode = req.Str("networkMode");
        var windows = IsWindows(req);
        var fargateSized = cpu is { } fc && memory is { } fm && FargateSizes.Allows(fc, fm, windows);
        if (requires.Contains("FARGATE"))
        {
            if (networkMode != "awsvpc") throw EcsErrors.Client("Fargate only supports network mode ‘awsvpc’.");
            if (cpu is null) throw EcsErrors.Client("Fargate requires that 'cpu' be defined at the task level.");
            if (memory is null) throw EcsErrors.Client("Fargate requires that 'memory' be defined at the task level.");
            if (!fargateSized)
                throw EcsErrors.Client($"No Fargate configuration exists for given values: {cpu} CPU, {memory} memory"
                    + (windows ? " on Windows" : "") + ". See the Amazon ECS documentation for the valid values.");
        }
        if (memory is { } tm && sumMemory > tm)
            throw EcsErrors.Client($"The sum of all container memory reservations ({sumMemory} MiB) exceeds the task memory ({tm} MiB).");
        return (cpu ?? sumCpu, memory ?? sumMemory, fargateSized && networkMode == "awsvpc");
    }

    /// <summary>True when the definition's runtimePlatform names a Windows operating system family.</summary>
    public static bool IsWindows(JsonObject taskDefinition) =>
        taskDefinition.Obj("runtimePlatform").Str("operatingSystemFamily")?.StartsWith("WINDOWS", StringComparison.Ordinal) == true;
}
