using System.Text.RegularExpressions;

namespace EcsOperator.Simulator.Engine;

/// <summary>CPU units, the memory (MiB) the ECS agent registers and the GPUs of common EC2 instance types, and their
/// CPU architecture (Graviton families, such as m6g, c7gn or t4g, are arm64).</summary>
internal static partial class InstanceTypes
{
    private static readonly Dictionary<string, (int Cpu, int Memory, int Gpus)> Known = new(StringComparer.Ordinal)
    {
        ["t3.micro"] = (2048, 944, 0),
        ["t3.small"] = (2048, 1939, 0),
        ["t3.medium"] = (2048, 3928, 0),
        ["t3.large"] = (2048, 7938, 0),
        ["t3.xlarge"] = (4096, 15967, 0),
        ["t4g.medium"] = (2048, 3928, 0),
        ["m5.large"] = (2048, 7680, 0),
        ["m5.xlarge"] = (4096, 15576, 0),
        ["m5.2xlarge"] = (8192, 31368, 0),
        ["m5.4xlarge"] = (16384, 62950, 0),
        ["m6g.large"] = (2048, 7680, 0),
        ["m6g.xlarge"] = (4096, 15576, 0),
        ["c5.large"] = (2048, 3711, 0),
        ["c5.xlarge"] = (4096, 7495, 0),
        ["c5.2xlarge"] = (8192, 15203, 0),
        ["c6g.large"] = (2048, 3711, 0),
        ["r5.large"] = (2048, 15576, 0),
        ["r5.xlarge"] = (4096, 31368, 0),
        ["g4dn.xlarge"] = (4096, 15576, 1),
        ["g4dn.2xlarge"] = (8192, 31368, 1),
        ["g4dn.12xlarge"] = (49152, 189440, 4),
        ["g5.xlarge"] = (4096, 15576, 1),
        ["p3.2xlarge"] = (8192, 61013, 1),
        ["p3.8xlarge"] = (32768, 245000, 4),
        ["p3.16xlarge"] = (65536, 490000, 8),
    };

    /// <summary>Registered resources of a type; unknown types count as t3.medium.</summary>
    public static (int Cpu, int Memory) Resources(string instanceType)
    {
        var (cpu, memory, _) = Known.TryGetValue(instanceType, out var r) ? r : Known["t3.medium"];
        return (cpu, memory);
    }

    /// <summary>GPUs the agent registers for the type (0 for unknown types).</summary>
    public static int Gpus(string instanceType) => Known.TryGetValue(instanceType, out var r) ? r.Gpus : 0;

    /// <summary>"arm64" for Graviton families, else "x86_64" (the values of the ecs.cpu-architecture attribute).</summary>
    public static string Architecture(string instanceType) => Graviton().IsMatch(instanceType) ? "arm64" : "x86_64";

    [GeneratedRegex(@"^[a-z]+[0-9]+g[a-z]*\.", RegexOptions.CultureInvariant)]
    private static partial Regex Graviton();
}
