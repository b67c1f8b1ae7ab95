namespace EcsOperator.Core.Resources;

/// <summary>The five kinds of document the operator understands.</summary>
public enum ResourceKind
{
    App,
    Job,
    CronJob,
    ScalePolicy,
    CapacityPool,
}

public static class ResourceKinds
{
    public const string ApiVersion = "ecs.operator/v1";

    public static IReadOnlyList<ResourceKind> All { get; } = Enum.GetValues<ResourceKind>();

    private static readonly Dictionary<string, ResourceKind> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["app"] = ResourceKind.App, ["apps"] = ResourceKind.App,
        ["job"] = ResourceKind.Job, ["jobs"] = ResourceKind.Job,
        ["cronjob"] = ResourceKind.CronJob, ["cronjobs"] = ResourceKind.CronJob, ["cj"] = ResourceKind.CronJob,
        ["scalepolicy"] = ResourceKind.ScalePolicy, ["scalepolicies"] = ResourceKind.ScalePolicy, ["sp"] = ResourceKind.ScalePolicy,
        ["capacitypool"] = ResourceKind.CapacityPool, ["capacitypools"] = ResourceKind.CapacityPool, ["cp"] = ResourceKind.CapacityPool,
    };

    /// <summary>Parses a kind name or alias (<c>app</c>, <c>apps</c>, <c>App</c>, <c>cj</c> ...).</summary>
    public static bool TryParse(string? text, out ResourceKind kind)
    {
        kind = default;
        return text is not null && Aliases.TryGetValue(text, out kind);
    }

    /// <summary>Parses the exact kind name used in documents and keys (<c>App</c>, <c>CronJob</c> ...).</summary>
    public static bool TryParseExact(string? text, out ResourceKind kind)
    {
        kind = default;
        return text is not null && Enum.TryParse(text, ignoreCase: false, out kind) && Enum.IsDefined(kind);
    }
}
