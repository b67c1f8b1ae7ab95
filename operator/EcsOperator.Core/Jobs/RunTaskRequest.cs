using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Jobs;

/// <summary>Builds the ECS RunTask request body (botocore <c>ecs/2014-11-13</c> shape) of a <see cref="RunTaskPlan"/>.</summary>
public static class RunTaskRequest
{
    public static JsonObject Build(RunTaskPlan plan)
    {
        var req = new JsonObject
        {
            ["cluster"] = plan.Cluster,
            ["taskDefinition"] = plan.TaskDefinitionArn,
            ["count"] = 1,
            ["startedBy"] = plan.StartedBy,
            ["clientToken"] = plan.ClientToken,
            ["enableECSManagedTags"] = true,
        };
        // ECS rejects launchType together with a capacity provider strategy: the strategy wins.
        if (plan.CapacityProviderStrategy is { Count: > 0 } cps) req["capacityProviderStrategy"] = cps.DeepClone();
        else if (!string.IsNullOrEmpty(plan.LaunchType)) req["launchType"] = plan.LaunchType;
        if (plan.NetworkConfiguration is { } net) req["networkConfiguration"] = net.DeepClone();
        if (BuildOverrides(plan) is { } overrides) req["overrides"] = overrides;
        if (plan.Tags.Count > 0)
        {
            req["tags"] = new JsonArray(plan.Tags.OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => (JsonNode?)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToArray());
        }
        return ApiRequestConformer.Conform(AwsApiModel.Ecs, EcsAction.RunTask, req);
    }

    private static JsonObject? BuildOverrides(RunTaskPlan plan)
    {
        var overrides = new JsonObject();
        var container = new JsonObject();
        if (plan.Command is { Count: > 0 } command) container["command"] = command.ToJsonArray();
        if (plan.Environment is { Count: > 0 } env)
        {
            container["environment"] = new JsonArray(env.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => (JsonNode?)new JsonObject { ["name"] = e.Key, ["value"] = e.Value }).ToArray());
        }
        if (plan.Cpu is { } cpu) container["cpu"] = cpu;
        if (plan.Memory is { } memory) container["memory"] = memory;
        if (container.Count > 0)
        {
            if (plan.Container is null) throw new ArgumentException("a container must be named for command, environment, cpu or memory overrides", nameof(plan));
            container["name"] = plan.Container;
            overrides["containerOverrides"] = new JsonArray(container);
        }
        return overrides.Count > 0 ? overrides : null;
    }
}
