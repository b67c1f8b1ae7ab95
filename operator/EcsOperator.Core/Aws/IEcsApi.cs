using System.Text.Json.Nodes;

namespace EcsOperator.Core.Aws;

/// <summary>
/// Amazon ECS, as its own JSON API. Requests and responses are the exact AWS JSON 1.1 bodies of the
/// botocore model <c>ecs/2014-11-13</c> (camelCase members), so the wire client posts them unchanged and the
/// simulator answers in the same shape. Typed helpers with batching and paging live in <see cref="EcsApiExtensions"/>.
/// Errors are thrown as <see cref="AwsApiException"/> with ECS's own error code.
/// </summary>
public interface IEcsApi
{
    /// <param name="action">One of <see cref="EcsAction"/>.</param>
    Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct);
}

/// <summary>The ECS actions the operator calls (and the simulator and wire client support).</summary>
public static class EcsAction
{
    public const string RegisterTaskDefinition = nameof(RegisterTaskDefinition);
    public const string DescribeTaskDefinition = nameof(DescribeTaskDefinition);
    public const string DeregisterTaskDefinition = nameof(DeregisterTaskDefinition);
    public const string ListTaskDefinitions = nameof(ListTaskDefinitions);
    public const string CreateService = nameof(CreateService);
    public const string UpdateService = nameof(UpdateService);
    public const string DeleteService = nameof(DeleteService);
    public const string DescribeServices = nameof(DescribeServices);
    public const string ListServices = nameof(ListServices);
    public const string RunTask = nameof(RunTask);
    public const string DescribeTasks = nameof(DescribeTasks);
    public const string ListTasks = nameof(ListTasks);
    public const string StopTask = nameof(StopTask);
    public const string ListContainerInstances = nameof(ListContainerInstances);
    public const string DescribeContainerInstances = nameof(DescribeContainerInstances);
    public const string UpdateContainerInstancesState = nameof(UpdateContainerInstancesState);
    public const string TagResource = nameof(TagResource);
    public const string ListTagsForResource = nameof(ListTagsForResource);
    public const string CreateCluster = nameof(CreateCluster);
    public const string DescribeClusters = nameof(DescribeClusters);

    public static IReadOnlyList<string> All { get; } =
    [
        RegisterTaskDefinition, DescribeTaskDefinition, DeregisterTaskDefinition, ListTaskDefinitions,
        CreateService, UpdateService, DeleteService, DescribeServices, ListServices,
        RunTask, DescribeTasks, ListTasks, StopTask,
        ListContainerInstances, DescribeContainerInstances, UpdateContainerInstancesState,
        TagResource, ListTagsForResource, CreateCluster, DescribeClusters,
    ];

    /// <summary>Actions that change state (for the "no write in steady state" accounting).</summary>
    public static bool IsMutating(string action) =>
        !(action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal));
}
