using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests;

/// <summary>Short forms of the ECS calls the behaviour tests make.</summary>
internal static class SimTestExtensions
{
    public static async Task<string> RegisterAsync(this SimulatedTestCloud sim, JsonObject taskDefinition) =>
        (await sim.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, taskDefinition, CancellationToken.None)).Obj("taskDefinition").Str("taskDefinitionArn")!;

    public static Task<JsonObject> SendAsync(this SimulatedTestCloud sim, string action, JsonObject request) =>
        sim.Ecs.SendAsync(action, request, CancellationToken.None);

    public static async Task<JsonObject> ServiceAsync(this SimulatedTestCloud sim, string cluster, string name)
    {
        var (services, _) = await sim.Ecs.DescribeServicesAsync(cluster, [name], CancellationToken.None);
        return Assert.Single(services);
    }

    public static async Task<JsonObject> TaskAsync(this SimulatedTestCloud sim, string cluster, string arn)
    {
        var (tasks, _) = await sim.Ecs.DescribeTasksAsync(cluster, [arn], CancellationToken.None);
        return Assert.Single(tasks);
    }

    /// <summary>The service's tasks with desired status RUNNING.</summary>
    public static async Task<IReadOnlyList<JsonObject>> ServiceTasksAsync(this SimulatedTestCloud sim, string cluster, string service)
    {
        var arns = await sim.Ecs.ListTasksAsync(cluster, CancellationToken.None, serviceName: service);
        if (arns.Count == 0) return [];
        var (tasks, _) = await sim.Ecs.DescribeTasksAsync(cluster, arns, CancellationToken.None);
        return tasks;
    }

    public static IEnumerable<string> EventMessages(this JsonObject service) => service.Arr("events").Objects().Select(e => e.Str("message")!);

    public static JsonObject Primary(this JsonObject service) => service.Arr("deployments").Objects().Single(d => d.Str("status") == "PRIMARY");
}
