using System.Text.Json.Nodes;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Capacity;

/// <summary>cpu/memory of one task from a task definition (RegisterTaskDefinition shape) or a described task.</summary>
internal static class TaskSizes
{
    /// <summary>Task-level cpu/memory when set, else the sum over containers (memory, else memoryReservation); null when neither says anything.</summary>
    public static TaskSize? Of(JsonObject? taskDefinitionOrTask)
    {
        if (taskDefinitionOrTask is null) return null;
        var cpu = taskDefinitionOrTask["cpu"] is JsonValue c ? Units.CpuUnits(c) : null;
        var mem = taskDefinitionOrTask["memory"] is JsonValue m ? Units.MemoryMiB(m) : null;
        var containers = (taskDefinitionOrTask.Arr("containerDefinitions") ?? taskDefinitionOrTask.Arr("containers")).Objects().ToList();
        cpu ??= Sum(containers, "cpu", Units.CpuUnits);
        mem ??= Sum(containers, "memory", Units.MemoryMiB) ?? Sum(containers, "memoryReservation", Units.MemoryMiB);
        if (cpu is null && mem is null) return null;
        return new TaskSize((int)Math.Clamp(cpu ?? 0, 0, int.MaxValue), (int)Math.Clamp(mem ?? 0, 0, int.MaxValue));
    }

    /// <summary>True when the service or task definition runs on Fargate (no pool needed).</summary>
    public static bool IsFargate(JsonObject? service, JsonObject? taskDefinition)
    {
        if (string.Equals(service.Str("launchType"), "FARGATE", StringComparison.OrdinalIgnoreCase)) return true;
        if (service.Arr("capacityProviderStrategy").Objects().Any(s => s.Str("capacityProvider")?.StartsWith("FARGATE", StringComparison.OrdinalIgnoreCase) == true))
            return true;
        var compat = taskDefinition.Arr("requiresCompatibilities").Strings().ToList();
        return service.Str("launchType") is null && compat.Count > 0 && compat.All(c => c == "FARGATE");
    }

    private static long? Sum(List<JsonObject> containers, string field, Func<JsonValue, long?> read)
    {
        long? total = null;
        foreach (var c in containers)
        {
            if (c[field] is JsonValue v && read(v) is { } n) total = (total ?? 0) + n;
        }
        return total;
    }
}
