using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.Api;
using EcsOperator.Simulator.Engine;

namespace EcsOperator.Simulator.Ecs;

/// <summary>The simulated ECS API: throttles, injected faults and latency in front, the world behind one lock.</summary>
internal sealed partial class EcsSimulator(SimWorld world, ApiGuard guard) : IEcsApi
{
    private readonly Dictionary<string, long> _calls = new(StringComparer.Ordinal);

    /// <summary>Calls per action that reached the simulator (including throttled and failed ones).</summary>
    public IReadOnlyDictionary<string, long> CallCounts
    {
        get { lock (_calls) return new Dictionary<string, long>(_calls, StringComparer.Ordinal); }
    }

    public async Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(request);
        lock (_calls) _calls[action] = _calls.GetValueOrDefault(action) + 1;
        await guard.BeforeCallAsync(action, ecsThrottled: true, ct);
        RequestShapeGuard.Check(action, request);
        lock (world.Gate)
        {
            world.Advance();
            var response = Dispatch(action, request);
            world.Settle();
            return response;
        }
    }

    private JsonObject Dispatch(string action, JsonObject r) => action switch
    {
        EcsAction.RegisterTaskDefinition => RegisterTaskDefinition(r),
        EcsAction.DescribeTaskDefinition => DescribeTaskDefinition(r),
        EcsAction.DeregisterTaskDefinition => DeregisterTaskDefinition(r),
        EcsAction.ListTaskDefinitions => ListTaskDefinitions(r),
        EcsAction.CreateService => CreateService(r),
        EcsAction.UpdateService => UpdateService(r),
        EcsAction.DeleteService => DeleteService(r),
        EcsAction.DescribeServices => DescribeServices(r),
        EcsAction.ListServices => ListServices(r),
        EcsAction.RunTask => RunTask(r),
        EcsAction.DescribeTasks => DescribeTasks(r),
        EcsAction.ListTasks => ListTasks(r),
        EcsAction.StopTask => StopTask(r),
        EcsAction.ListContainerInstances => ListContainerInstances(r),
        EcsAction.DescribeContainerInstances => DescribeContainerInstances(r),
        EcsAction.UpdateContainerInstancesState => UpdateContainerInstancesState(r),
        EcsAction.TagResource => TagResource(r),
        "UntagResource" => UntagResource(r),
        EcsAction.ListTagsForResource => ListTagsForResource(r),
        EcsAction.CreateCluster => CreateCluster(r),
        EcsAction.DescribeClusters => DescribeClusters(r),
        _ => throw EcsErrors.UnknownAction(action),
    };

    private State.ClusterRec Cluster(JsonObject r) => world.FindCluster(r.Str("cluster")) ?? throw EcsErrors.ClusterNotFound();

    private static bool IncludesTags(JsonObject r) => r.Arr("include").Strings().Contains("TAGS");

    private static JsonArray Failure(string arn, string reason, string? detail = null)
    {
        var f = new JsonObject { ["arn"] = arn, ["reason"] = reason };
        if (detail is not null) f["detail"] = detail;
        return [f];
    }
}
