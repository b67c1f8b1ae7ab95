using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcsOperator.Core.Diff;

/// <summary>ECS's unit strings: CPU as "1 vCPU" / "0.5 vcpu" / "1024", memory as "2 GB" / "512 MiB" / "512".</summary>
public static partial class Units
{
    /// <summary>CPU units (1 vCPU = 1024), or null when the value is not a CPU amount.</summary>
    public static long? CpuUnits(JsonValue value)
    {
        var (number, unit) = Split(value);
        if (number is null) return null;
        return unit switch
        {
            "" => (long)Math.Round(number.Value),
            "vcpu" or "vcpus" or "cpu" => (long)Math.Round(number.Value * 1024),
            _ => null,
        };
    }

    /// <summary>Memory in MiB, or null when the value is not a memory amount.</summary>
    public static long? MemoryMiB(JsonValue value)
    {
        var (number, unit) = Split(value);
        if (number is null) return null;
        return unit switch
        {
            "" or "mb" or "mib" or "m" or "mi" => (long)Math.Round(number.Value),
            "gb" or "gib" or "g" or "gi" => (long)Math.Round(number.Value * 1024),
            _ => null,
        };
    }

    private static (double? Number, string Unit) Split(JsonValue value)
    {
        if (value.GetValueKind() == JsonValueKind.Number) return (TaskDefinitionNormalizer.Number(value), "");
        if (!value.TryGetValue<string>(out var s)) return (null, "");
        var m = Amount().Match(s);
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return (null, "");
        return (n, m.Groups[2].Value.ToLowerInvariant());
    }

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Amount();
}
