using System.Collections.Frozen;

namespace EcsOperator.Core.Aws;

/// <summary>
/// The request-throttle categories of the ECS API. ECS keeps one token bucket per category, per account and region:
/// every action of a category draws from the same bucket.
/// </summary>
public enum EcsThrottleGroup
{
    ClusterModify,
    ClusterRead,
    TaskDefinitionModify,
    TaskDefinitionRead,
    TaskDefinitionDelete,
    CapacityProviderModify,
    CapacityProviderRead,
    TagModify,
    TagRead,
    SettingModify,
    SettingRead,
    ClusterResourceModify,
    ClusterResourceRead,
    AgentModify,
    ServiceModify,
    ServiceRead,
    ServiceDeploymentRead,
    ServiceRevisionRead,
    TaskProtection,
    ClusterServiceResourceRead,
}

/// <summary>A token bucket: <paramref name="Burst"/> tokens at most, refilled at <paramref name="PerSecond"/> tokens a second.</summary>
public sealed record TokenBucketLimit(int Burst, double PerSecond)
{
    /// <summary>
    /// The whole quota multiplied by <paramref name="factor"/>: burst and refill both (the burst at least one token).
    /// Simulated runs use it to go <paramref name="factor"/> times faster while keeping the ratios between buckets.
    /// </summary>
    public TokenBucketLimit Scaled(double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "must be a positive number");
        return new TokenBucketLimit((int)Math.Max(1, Math.Round(Burst * factor)), PerSecond * factor);
    }
}

/// <summary>
/// ECS's request throttles, the one table the wire clients' client-side buckets, the operator's pacing in front of the
/// in-process simulator and the simulator's own throttling all read, so none of them can disagree with another.
/// </summary>
/// <remarks>
/// The values and the grouping are the ones AWS publishes for the ECS API ("Request throttling for the Amazon ECS
/// API" in the ECS API reference: bucket maximum capacity = burst, bucket refill rate = sustained rate, per account and
/// Region). Earlier copies of this table used four coarse buckets (every Describe/List in one 100/20 read bucket, and
/// every other write in the 100/40 cluster-resource bucket); that over-allowed CreateCluster (documented 20/1),
/// TagResource/UntagResource (20/10) and DeleteTaskDefinitions (5/1), and under-allowed reads, which ECS spreads over
/// separate buckets. Actions the table does not list (new API actions, or actions ECS publishes no bucket for) fall
/// into <see cref="EcsThrottleGroup.ClusterResourceModify"/> when they write and <see cref="EcsThrottleGroup.ClusterResourceRead"/>
/// when they read (Describe*/List*/Get*), the most common buckets of their kind.
/// </remarks>
public static class EcsThrottleTable
{
    /// <summary>Burst and refill per category, as documented.</summary>
    public static IReadOnlyDictionary<EcsThrottleGroup, TokenBucketLimit> Limits { get; } = new Dictionary<EcsThrottleGroup, TokenBucketLimit>
    {
        [EcsThrottleGroup.ClusterModify] = new(20, 1),
        [EcsThrottleGroup.ClusterRead] = new(50, 20),
        [EcsThrottleGroup.TaskDefinitionModify] = new(20, 1),
        [EcsThrottleGroup.TaskDefinitionRead] = new(50, 20),
        [EcsThrottleGroup.TaskDefinitionDelete] = new(5, 1),
        [EcsThrottleGroup.CapacityProviderModify] = new(10, 1),
        [EcsThrottleGroup.CapacityProviderRead] = new(50, 20),
        [EcsThrottleGroup.TagModify] = new(20, 10),
        [EcsThrottleGroup.TagRead] = new(50, 20),
        [EcsThrottleGroup.SettingModify] = new(10, 1),
        [EcsThrottleGroup.SettingRead] = new(50, 20),
        [EcsThrottleGroup.ClusterResourceModify] = new(100, 40),
        [EcsThrottleGroup.ClusterResourceRead] = new(100, 20),
        [EcsThrottleGroup.AgentModify] = new(200, 120),
        [EcsThrottleGroup.ServiceModify] = new(50, 5),
        [EcsThrottleGroup.ServiceRead] = new(100, 20),
        [EcsThrottleGroup.ServiceDeploymentRead] = new(50, 20),
        [EcsThrottleGroup.ServiceRevisionRead] = new(50, 20),
        [EcsThrottleGroup.TaskProtection] = new(200, 80),
        [EcsThrottleGroup.ClusterServiceResourceRead] = new(10, 1),
    }.ToFrozenDictionary();

    /// <summary>The documented members of each category.</summary>
    public static IReadOnlyDictionary<string, EcsThrottleGroup> Actions { get; } = new Dictionary<string, EcsThrottleGroup>(StringComparer.Ordinal)
    {
        ["CreateCluster"] = EcsThrottleGroup.ClusterModify,
        ["DeleteCluster"] = EcsThrottleGroup.ClusterModify,
        ["PutClusterCapacityProviders"] = EcsThrottleGroup.ClusterModify,
        ["UpdateCluster"] = EcsThrottleGroup.ClusterModify,
        ["UpdateClusterSettings"] = EcsThrottleGroup.ClusterModify,
        ["DescribeClusters"] = EcsThrottleGroup.ClusterRead,
        ["ListClusters"] = EcsThrottleGroup.ClusterRead,
        ["DeregisterTaskDefinition"] = EcsThrottleGroup.TaskDefinitionModify,
        ["RegisterTaskDefinition"] = EcsThrottleGroup.TaskDefinitionModify,
        ["DescribeTaskDefinition"] = EcsThrottleGroup.TaskDefinitionRead,
        ["ListTaskDefinitions"] = EcsThrottleGroup.TaskDefinitionRead,
        ["ListTaskDefinitionFamilies"] = EcsThrottleGroup.TaskDefinitionRead,
        ["DeleteTaskDefinitions"] = EcsThrottleGroup.TaskDefinitionDelete,
        ["CreateCapacityProvider"] = EcsThrottleGroup.CapacityProviderModify,
        ["DeleteCapacityProvider"] = EcsThrottleGroup.CapacityProviderModify,
        ["UpdateCapacityProvider"] = EcsThrottleGroup.CapacityProviderModify,
        ["DescribeCapacityProviders"] = EcsThrottleGroup.CapacityProviderRead,
        ["TagResource"] = EcsThrottleGroup.TagModify,
        ["UntagResource"] = EcsThrottleGroup.TagModify,
        ["ListTagsForResource"] = EcsThrottleGroup.TagRead,
        ["DeleteAccountSetting"] = EcsThrottleGroup.SettingModify,
        ["PutAccountSetting"] = EcsThrottleGroup.SettingModify,
        ["PutAccountSettingDefault"] = EcsThrottleGroup.SettingModify,
        ["ListAccountSettings"] = EcsThrottleGroup.SettingRead,
        ["DeleteAttributes"] = EcsThrottleGroup.ClusterResourceModify,
        ["DeregisterContainerInstance"] = EcsThrottleGroup.ClusterResourceModify,
        ["ExecuteCommand"] = EcsThrottleGroup.ClusterResourceModify,
        ["PutAttributes"] = EcsThrottleGroup.ClusterResourceModify,
        ["RunTask"] = EcsThrottleGroup.ClusterResourceModify,
        ["StartTask"] = EcsThrottleGroup.ClusterResourceModify,
        ["StopTask"] = EcsThrottleGroup.ClusterResourceModify,
        ["UpdateContainerAgent"] = EcsThrottleGroup.ClusterResourceModify,
        // Published as "UpdateContainerInstancesStates"; the API action is UpdateContainerInstancesState.
        ["UpdateContainerInstancesState"] = EcsThrottleGroup.ClusterResourceModify,
        ["DescribeContainerInstances"] = EcsThrottleGroup.ClusterResourceRead,
        ["DescribeTasks"] = EcsThrottleGroup.ClusterResourceRead,
        ["ListAttributes"] = EcsThrottleGroup.ClusterResourceRead,
        ["ListContainerInstances"] = EcsThrottleGroup.ClusterResourceRead,
        ["ListTasks"] = EcsThrottleGroup.ClusterResourceRead,
        ["RegisterContainerInstance"] = EcsThrottleGroup.AgentModify,
        ["SubmitAttachmentStateChanges"] = EcsThrottleGroup.AgentModify,
        ["SubmitContainerStateChange"] = EcsThrottleGroup.AgentModify,
        ["SubmitTaskStateChange"] = EcsThrottleGroup.AgentModify,
        ["CreateService"] = EcsThrottleGroup.ServiceModify,
        ["DeleteService"] = EcsThrottleGroup.ServiceModify,
        ["UpdateService"] = EcsThrottleGroup.ServiceModify,
        ["DescribeServices"] = EcsThrottleGroup.ServiceRead,
        ["ListServices"] = EcsThrottleGroup.ServiceRead,
        ["DescribeServiceDeployments"] = EcsThrottleGroup.ServiceDeploymentRead,
        ["ListServiceDeployments"] = EcsThrottleGroup.ServiceDeploymentRead,
        ["DescribeServiceRevisions"] = EcsThrottleGroup.ServiceRevisionRead,
        ["UpdateTaskProtection"] = EcsThrottleGroup.TaskProtection,
        ["GetTaskProtection"] = EcsThrottleGroup.TaskProtection,
        ["ListServicesByNamespace"] = EcsThrottleGroup.ClusterServiceResourceRead,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The bucket <paramref name="action"/> draws from (see the remarks for actions the table does not list).</summary>
    public static EcsThrottleGroup GroupOf(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (Actions.TryGetValue(action, out var group)) return group;
        return IsRead(action) ? EcsThrottleGroup.ClusterResourceRead : EcsThrottleGroup.ClusterResourceModify;
    }

    /// <summary>The documented limit of the bucket <paramref name="action"/> draws from.</summary>
    public static TokenBucketLimit LimitOf(string action) => Limits[GroupOf(action)];

    /// <summary>Every bucket with its quota multiplied by <paramref name="factor"/> (see <see cref="TokenBucketLimit.Scaled"/>).</summary>
    public static IReadOnlyDictionary<EcsThrottleGroup, TokenBucketLimit> Scaled(double factor) =>
        Limits.ToDictionary(kv => kv.Key, kv => kv.Value.Scaled(factor));

    private static bool IsRead(string action) =>
        action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal)
        || action.StartsWith("Get", StringComparison.Ordinal);
}
