using System.Text.Json.Nodes;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>Task-definition members that name other members (volumes, containers) and the task-level cpu/memory
/// amounts: ECS refuses a definition whose names do not resolve or whose amounts it cannot read.</summary>
internal static partial class KindRules
{
    private static void CheckTaskAmounts(JsonObject td, string path, ValidationContext ctx)
    {
        if (td["cpu"] is JsonValue cpu)
        {
            var units = Units.CpuUnits(cpu);
            if (units is null)
                ctx.AtMember(td, "cpu", $"{path}.cpu", $"'{cpu}' is not a CPU amount ECS accepts: use {Units.CpuForms}");
            else if (units is < Units.MinTaskCpu or > Units.MaxTaskCpu)
                ctx.AtMember(td, "cpu", $"{path}.cpu", $"task cpu must be between {Units.MinTaskCpu} (0.125 vCPU) and {Units.MaxTaskCpu} (192 vCPU) CPU units, got {units}");
        }
        if (td["memory"] is JsonValue memory)
        {
            var mib = Units.MemoryMiB(memory);
            if (mib is null)
                ctx.AtMember(td, "memory", $"{path}.memory", $"'{memory}' is not a memory amount ECS accepts: use {Units.MemoryForms}");
            else if (mib <= 0)
                ctx.AtMember(td, "memory", $"{path}.memory", $"task memory must be positive, got {mib}");
        }
        CheckFargateSize(td, path, ctx);
    }

    /// <summary>A definition that requires FARGATE takes one of Fargate's cpu/memory combinations.</summary>
    private static void CheckFargateSize(JsonObject td, string path, ValidationContext ctx)
    {
        if (!td.Arr("requiresCompatibilities").Strings().Contains("FARGATE")) return;
        var cpu = td["cpu"] is JsonValue c ? Units.CpuUnits(c) : null;
        var memory = td["memory"] is JsonValue m ? Units.MemoryMiB(m) : null;
        if (td["cpu"] is null || td["memory"] is null)
        {
            var missing = td["cpu"] is null ? "cpu" : "memory";
            ctx.AtNode(td, $"{path}.{missing}", $"required field is missing: Fargate requires task-level {missing}");
            return;
        }
        if (cpu is not { } fc || memory is not { } fm) return;
        var windows = td.Obj("runtimePlatform").Str("operatingSystemFamily")?.StartsWith("WINDOWS", StringComparison.Ordinal) == true;
        if (!FargateSizes.Allows(fc, fm, windows))
            ctx.AtMember(td, "memory", $"{path}.memory",
                $"Fargate has no {fc} CPU / {fm} MiB size{(windows ? " for Windows (1, 2 or 4 vCPU)" : "")}; with {fc} CPU it takes {FargateSizes.MemoryFor(fc)}");
    }

    /// <summary>mountPoints name declared volumes; dependsOn, volumesFrom and links name containers of the definition.</summary>
    private static void CheckReferences(JsonObject td, JsonArray containers, string path, ValidationContext ctx)
    {
        var volumes = td.Arr("volumes").Objects().Select(v => v.Str("name")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var names = ContainerNames(td);
        for (var i = 0; i < containers.Count; i++)
        {
            if (containers[i] is not JsonObject c) continue;
            var cPath = $"{path}.containerDefinitions[{i}]";
            Each(c, "mountPoints", "sourceVolume", cPath, volumes, "volume", "declared in volumes", ctx);
            Each(c, "dependsOn", "containerName", cPath, names, "container", "in the task definition", ctx);
            Each(c, "volumesFrom", "sourceContainer", cPath, names, "container", "in the task definition", ctx);
            var links = c.Arr("links");
            for (var j = 0; links is not null && j < links.Count; j++)
            {
                // A link is "name" or "name:alias".
                if (links[j] is JsonValue v && v.TryGetValue<string>(out var link) && link.Split(':')[0] is { Length: > 0 } target && !names.Contains(target))
                    ctx.AtNode(links[j], $"{cPath}.links[{j}]", $"no container named '{target}' in the task definition{DidYouMean.Hint(target, names)}");
            }
        }
    }

    private static void Each(JsonObject c, string list, string field, string cPath, HashSet<string> known, string what, string where, ValidationContext ctx)
    {
        var items = c.Arr(list);
        for (var j = 0; items is not null && j < items.Count; j++)
        {
            if (items[j] is JsonObject item && item.Str(field) is { Length: > 0 } name && !known.Contains(name))
                ctx.AtMember(item, field, $"{cPath}.{list}[{j}].{field}", $"no {what} named '{name}' {where}{DidYouMean.Hint(name, known)}");
        }
    }
}
