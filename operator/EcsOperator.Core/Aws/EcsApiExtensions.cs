using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Aws;

/// <summary>Typed, batched and paged helpers over <see cref="IEcsApi"/>. Limits are ECS's own.</summary>
public static class EcsApiExtensions
{
    public const int DescribeServicesBatch = 10;
    public const int DescribeTasksBatch = 100;
    public const int DescribeContainerInstancesBatch = 100;
    public const int UpdateContainerInstancesStateBatch = 10;

    /// <summary>DescribeServices 10 names/ARNs per call, with tags. Returns the services found and the failures.</summary>
    public static async Task<(IReadOnlyList<JsonObject> Services, IReadOnlyList<JsonObject> Failures)> DescribeServicesAsync(
        this IEcsApi ecs, string cluster, IReadOnlyList<string> services, CancellationToken ct)
    {
        var found = new List<JsonObject>(services.Count);
        var failures = new List<JsonObject>();
        foreach (var chunk in services.Chunk(DescribeServicesBatch))
        {
            var resp = await ecs.SendAsync(EcsAction.DescribeServices, new JsonObject
            {
                ["cluster"] = cluster,
                ["services"] = chunk.ToJsonArray(),
                ["include"] = new JsonArray("TAGS"),
            }, ct);
            found.AddRange(resp.Arr("services").Objects());
            failures.AddRange(resp.Arr("failures").Objects());
        }
        return (found, failures);
    }

    /// <summary>Every service ARN in the cluster (ListServices, 100 per page).</summary>
    public static Task<IReadOnlyList<string>> ListServicesAsync(this IEcsApi ecs, string cluster, CancellationToken ct) =>
        ecs.ListAllAsync(EcsAction.ListServices, new JsonObject { ["cluster"] = cluster, ["maxResults"] = 100 }, "serviceArns", ct);

    /// <summary>DescribeTasks 100 ARNs per call, with tags. Returns the tasks found and the failures.</summary>
    public static async Task<(IReadOnlyList<JsonObject> Tasks, IReadOnlyList<JsonObject> Failures)> DescribeTasksAsync(
        this IEcsApi ecs, string cluster, IReadOnlyList<string> taskArns, CancellationToken ct)
    {
        var found = new List<JsonObject>(taskArns.Count);
        var failures = new List<JsonObject>();
        foreach (var chunk in taskArns.Chunk(DescribeTasksBatch))
        {
            var resp = await ecs.SendAsync(EcsAction.DescribeTasks, new JsonObject
            {
                ["cluster"] = cluster,
                ["tasks"] = chunk.ToJsonArray(),
                ["include"] = new JsonArray("TAGS"),
            }, ct);
            found.AddRange(resp.Arr("tasks").Objects());
            failures.AddRange(resp.Arr("failures").Objects());
        }
        return (found, failures);
    }

    /// <summary>Every task ARN matching the filters (ListTasks, 100 per page).</summary>
    public static Task<IReadOnlyList<string>> ListTasksAsync(
        this IEcsApi ecs, string cluster, CancellationToken ct,
        string? startedBy = null, string? family = null, string? serviceName = null, string? desiredStatus = null, string? containerInstance = null)
    {
        var req = new JsonObject { ["cluster"] = cluster, ["maxResults"] = 100 };
        if (startedBy is not null) req["startedBy"] = startedBy;
        if (family is not null) req["family"] = family;
        if (serviceName is not null) req["serviceName"] = serviceName;
        if (desiredStatus is not null) req["desiredStatus"] = desiredStatus;
        if (containerInstance is not null) req["containerInstance"] = containerInstance;
        return ecs.ListAllAsync(EcsAction.ListTasks, req, "taskArns", ct);
    }

    /// <summary>Every container instance ARN in the cluster, optionally filtered by status (ACTIVE, DRAINING, ...).</summary>
    public static Task<IReadOnlyList<string>> ListContainerInstancesAsync(this IEcsApi ecs, string cluster, string? status, CancellationToken ct)
    {
        var req = new JsonObject { ["cluster"] = cluster, ["maxResults"] = 100 };
        if (status is not null) req["status"] = status;
        return ecs.ListAllAsync(EcsAction.ListContainerInstances, req, "containerInstanceArns", ct);
    }

    /// <summary>DescribeContainerInstances 100 per call.</summary>
    public static async Task<IReadOnlyList<JsonObject>> DescribeContainerInstancesAsync(
        this IEcsApi ecs, string cluster, IReadOnlyList<string> arns, CancellationToken ct)
    {
        var found = new List<JsonObject>(arns.Count);
        foreach (var chunk in arns.Chunk(DescribeContainerInstancesBatch))
        {
            var resp = await ecs.SendAsync(EcsAction.DescribeContainerInstances, new JsonObject
            {
                ["cluster"] = cluster,
                ["containerInstances"] = chunk.ToJsonArray(),
                ["include"] = new JsonArray("TAGS"),
            }, ct);
            found.AddRange(resp.Arr("containerInstances").Objects());
        }
        return found;
    }

    /// <summary>UpdateContainerInstancesState 10 instances per call (ACTIVE or DRAINING).</summary>
    public static async Task UpdateContainerInstancesStateAsync(this IEcsApi ecs, string cluster, IReadOnlyList<string> arns, string status, CancellationToken ct)
    {
        foreach (var chunk in arns.Chunk(UpdateContainerInstancesStateBatch))
        {
            await ecs.SendAsync(EcsAction.UpdateContainerInstancesState, new JsonObject
            {
                ["cluster"] = cluster, ["containerInstances"] = chunk.ToJsonArray(), ["status"] = status,
            }, ct);
        }
    }

    /// <summary>Every task definition ARN of a family (ListTaskDefinitions, 100 per page), oldest first; with a null
    /// <paramref name="familyPrefix"/>, of every family.</summary>
    public static Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(this IEcsApi ecs, string? familyPrefix, string? status, CancellationToken ct)
    {
        var req = new JsonObject { ["maxResults"] = 100, ["sort"] = "ASC" };
        if (familyPrefix is not null) req["familyPrefix"] = familyPrefix;
        if (status is not null) req["status"] = status;
        return ecs.ListAllAsync(EcsAction.ListTaskDefinitions, req, "taskDefinitionArns", ct);
    }

    /// <summary>The task definition (with its tags), or null when ECS says it does not exist.</summary>
    public static async Task<(JsonObject TaskDefinition, JsonArray Tags)?> DescribeTaskDefinitionAsync(this IEcsApi ecs, string taskDefinition, CancellationToken ct)
    {
        try
        {
            var resp = await ecs.SendAsync(EcsAction.DescribeTaskDefinition, new JsonObject
            {
                ["taskDefinition"] = taskDefinition,
                ["include"] = new JsonArray("TAGS"),
            }, ct);
            return resp.Obj("taskDefinition") is { } td ? (td, resp.Arr("tags") ?? []) : null;
        }
        catch (AwsApiException e) when (e.Kind is AwsErrorKind.NotFound || e.Code is "ClientException" && e.ErrorMessage.Contains("Unable to describe task definition", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<string>> ListAllAsync(this IEcsApi ecs, string action, JsonObject request, string member, CancellationToken ct)
    {
        var all = new List<string>();
        string? token = null;
        do
        {
            var req = request.DeepClone().AsObject();
            if (token is not null) req["nextToken"] = token;
            var resp = await ecs.SendAsync(action, req, ct);
            all.AddRange(resp.Arr(member).Strings());
            token = resp.Str("nextToken");
        }
        while (!string.IsNullOrEmpty(token));
        return all;
    }
}
