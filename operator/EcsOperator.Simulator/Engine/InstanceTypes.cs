namespace EcsOperator.Simulator.Engine;

/// <summary>CPU units and the memory (MiB) the ECS agent registers for common EC2 instance types.</summary>
internal static class InstanceTypes
{
    private static readonly Dictionary<string, (int Cpu, int Memory)> Known = new(StringComparer.Ordinal)
    {
        ["t3.micro"] = (2048, 944),
        ["t3.small"] = (2048, 1939),
        ["t3.medium"] = (2048, 3928),
        ["t3.large"] = (2048, 7938),
        ["t3.xlarge"] = (4096, 15967),
        ["m5.large"] = (2048, 7680),
        ["m5.xlarge"] = (4096, 15576),
        ["m5.2xlarge"] = (8192, 31368),
        ["m5.4xlarge"] = (16384, 62950),
        ["c5.large"] = (2048, 3711),
        ["c5.xlarge"] = (4096, 7495),
        ["c5.2xlarge"] = (8192, 15203),
        ["r5.large"] = (2048, 15576),
        ["r5.xlarge"] = (4096, 31368),
    };

    /// <summary>Registered resources of a type; unknown types count as t3.medium.</summary>
    public static (int Cpu, int Memory) Resources(string instanceType) =>
        Known.TryGetValue(instanceType, out var r) ? r : Known["t3.medium"];
}
