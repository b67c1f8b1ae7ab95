namespace EcsOperator.Simulator.Engine;

/// <summary>ARNs in ECS's real formats for one account and region.</summary>
internal sealed class Arns(string region, string account)
{
    private readonly string _prefix = $"arn:aws:ecs:{region}:{account}:";

    public string Region { get; } = region;

    public string Account { get; } = account;

    public string Cluster(string name) => _prefix + "cluster/" + name;

    public string Service(string cluster, string name) => _prefix + "service/" + cluster + "/" + name;

    public string TaskDefinition(string family, int revision) => _prefix + "task-definition/" + family + ":" + revision;

    public string Task(string cluster, string id) => _prefix + "task/" + cluster + "/" + id;

    public string ContainerInstance(string cluster, string id) => _prefix + "container-instance/" + cluster + "/" + id;

    public string Container(string cluster, string taskId, string runtimeId) => _prefix + "container/" + cluster + "/" + taskId + "/" + runtimeId;

    /// <summary>The name from a name or an ARN (<c>.../cluster/name</c> or <c>.../service/cluster/name</c>).</summary>
    public static string LastSegment(string nameOrArn)
    {
        if (!nameOrArn.StartsWith("arn:", StringComparison.Ordinal)) return nameOrArn;
        var slash = nameOrArn.LastIndexOf('/');
        return slash >= 0 ? nameOrArn[(slash + 1)..] : nameOrArn;
    }

    /// <summary>The resource part of an ARN (after the fifth colon), or the input when it is not an ARN.</summary>
    public static string Resource(string arn)
    {
        if (!arn.StartsWith("arn:", StringComparison.Ordinal)) return arn;
        var parts = arn.Split(':', 6);
        return parts.Length == 6 ? parts[5] : arn;
    }

    /// <summary>The cluster named in a resource ARN with a cluster segment (service/task/container-instance), else null.</summary>
    public static string? ClusterOf(string arn)
    {
        var parts = Resource(arn).Split('/');
        return parts.Length >= 3 ? parts[1] : null;
    }

    /// <summary>The resource type of an ECS ARN (cluster, service, task, task-definition, container-instance), else null.</summary>
    public static string? TypeOf(string arn)
    {
        if (!arn.StartsWith("arn:", StringComparison.Ordinal)) return null;
        var resource = Resource(arn);
        var slash = resource.IndexOf('/');
        return slash > 0 ? resource[..slash] : null;
    }

    public static double Epoch(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;
}
