using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcsOperator.Core.Diff;

/// <summary>
/// ECS's cpu and memory amounts, read the one way the validator, the normaliser, capacity sizing and the simulator share.
/// <para>Task level (RegisterTaskDefinition <c>cpu</c>/<c>memory</c>, strings in the API): cpu is CPU units as an integer
/// ("1024", or a JSON number) or vCPUs with the unit "vcpu" in any case ("1 vCPU", "0.5 vcpu", ".25 vcpu", "2vcpu");
/// memory is MiB as an integer ("2048") or GB with the unit "gb" in any case ("0.5 GB", "2 gb", "1GB"). ECS converts the
/// strings to integers on registration (1 vCPU = 1024 units, 1 GB = 1024 MiB). ECS documents no other unit: "512 MiB",
/// "512 MB", "2 GiB" or "1 cpu" are not amounts.</para>
/// <para>Container level (<c>cpu</c>, <c>memory</c>, <c>memoryReservation</c>): integers only; the API types them as
/// integers and takes no unit strings.</para>
/// </summary>
public static partial class Units
{
    /// <summary>ECS's bounds for task-level cpu on EC2 and external instances: 0.125 to 192 vCPUs.</summary>
    public const long MinTaskCpu = 128, MaxTaskCpu = 196608;

    /// <summary>Task-level CPU units, or null when the value is not a CPU amount ECS accepts.</summary>
    public static long? CpuUnits(JsonValue value) => TaskAmount(value, "vcpu");

    /// <summary>Task-level memory in MiB, or null when the value is not a memory amount ECS accepts.</summary>
    public static long? MemoryMiB(JsonValue value) => TaskAmount(value, "gb");

    /// <summary>Task-level CPU units from the API's string form.</summary>
    public static long? CpuUnits(string? text) => text is null ? null : Parse(text, "vcpu");

    /// <summary>Task-level memory in MiB from the API's string form.</summary>
    public static long? MemoryMiB(string? text) => text is null ? null : Parse(text, "gb");

    /// <summary>A container-level amount (cpu, memory, memoryReservation): a whole JSON number, or null.</summary>
    public static long? ContainerAmount(JsonValue value)
    {
        if (value.GetValueKind() != JsonValueKind.Number) return null;
        var d = TaskDefinitionNormalizer.Number(value);
        return d == Math.Floor(d) && Math.Abs(d) < long.MaxValue ? (long)d : null;
    }

    /// <summary>What a task-level amount may look like, for error messages.</summary>
    public const string CpuForms = "CPU units as an integer (\"1024\") or vCPUs (\"1 vCPU\", \"0.5 vcpu\", \".25 vcpu\")";

    /// <summary>What a task-level memory amount may look like, for error messages.</summary>
    public const string MemoryForms = "MiB as an integer (\"2048\") or GB (\"2 GB\", \"0.5 gb\"); ECS takes no other unit";

    private static long? TaskAmount(JsonValue value, string unit)
    {
        if (value.GetValueKind() == JsonValueKind.Number) return ContainerAmount(value);
        return value.TryGetValue<string>(out var s) ? Parse(s, unit) : null;
    }

    private static long? Parse(string text, string unit)
    {
        var m = Amount().Match(text);
        if (!m.Success) return null;
        var suffix = m.Groups[2].Value;
        if (suffix.Length == 0)
        {
            // Without a unit the amount is already CPU units / MiB: an integer.
            return long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) ? whole : null;
        }
        if (!suffix.Equals(unit, StringComparison.OrdinalIgnoreCase)) return null;
        if (!double.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) return null;
        var converted = Math.Round(n * 1024, MidpointRounding.AwayFromZero);
        return converted > 0 && converted < long.MaxValue ? (long)converted : null;
    }

    // A number with or without leading zero (".25"), an optional unit, spaces allowed around both.
    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*([A-Za-z]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Amount();
}
