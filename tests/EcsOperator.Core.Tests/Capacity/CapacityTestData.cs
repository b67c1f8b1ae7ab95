using System.Globalization;
using EcsOperator.Core.Capacity;

namespace EcsOperator.Core.Tests.Capacity;

internal static class CapacityTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    public static readonly TaskSize M5Large = new(2048, 4096);

    public static PoolInstance Inst(string id, string az = "us-east-1a", int tasks = 0, string? ecs = "ACTIVE",
        string lifecycle = "InService", TaskSize? size = null, int firstSeenSecondsAgo = 3600, bool protectedFromScaleIn = false) =>
        new(id, az, lifecycle, protectedFromScaleIn, ecs is null ? null : "arn:aws:ecs:us-east-1:123456789012:container-instance/c/" + id,
            ecs, ecs is null ? null : size ?? M5Large, tasks, Now - TimeSpan.FromSeconds(firstSeenSecondsAgo));

    /// <summary>"4x512/1024,2xcap0.5,1x?" : count x cpu/memory, count x requiredCapacity, count x unknown size.</summary>
    public static List<TaskDemand> Demand(string spec)
    {
        var list = new List<TaskDemand>();
        var n = 0;
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (countText, rest) = (part[..part.IndexOf('x', StringComparison.Ordinal)], part[(part.IndexOf('x', StringComparison.Ordinal) + 1)..]);
            var count = int.Parse(countText, CultureInfo.InvariantCulture);
            var source = $"App/default/app{n++}";
            if (rest == "?") list.Add(new TaskDemand(source, count, null));
            else if (rest.StartsWith("cap", StringComparison.Ordinal))
                list.Add(new TaskDemand(source, count, null, double.Parse(rest[3..], CultureInfo.InvariantCulture)));
            else
            {
                var cm = rest.Split('/');
                list.Add(new TaskDemand(source, count, new TaskSize(int.Parse(cm[0], CultureInfo.InvariantCulture), int.Parse(cm[1], CultureInfo.InvariantCulture))));
            }
        }
        return list;
    }

    public static CapacityInput Input(IReadOnlyList<PoolInstance> instances, string demand, int buffer = 0, int min = 0, int max = 20,
        int? desired = null, bool scaleIn = true, int drainTimeoutSeconds = 300, int graceSeconds = 600,
        IReadOnlyList<DrainingInstance>? draining = null, TaskSize? daemon = null) =>
        new(instances, Demand(demand), buffer, min, max, desired ?? instances.Count(i => i.IsLive), scaleIn,
            TimeSpan.FromSeconds(drainTimeoutSeconds), TimeSpan.FromSeconds(graceSeconds), draining ?? [], Now, daemon);
}
