using System.Text.Json.Nodes;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// Everything one RunTask call needs, resolved: the task definition is an ARN (an App's revision or a registered
/// inline definition) and the identifiers are those of the run and launch try.
/// </summary>
/// <param name="Container">The container the overrides apply to and whose exit code is the Job's (null = the task
/// definition's first essential container, decided from the task).</param>
/// <param name="Tags">ECS tags for the task (owner tags, copied simulator annotations).</param>
public sealed record RunTaskPlan(
    string Cluster,
    string TaskDefinitionArn,
    string StartedBy,
    string ClientToken,
    string? Container,
    IReadOnlyList<string>? Command,
    IReadOnlyDictionary<string, string>? Environment,
    int? Cpu,
    int? Memory,
    string? LaunchType,
    JsonArray? CapacityProviderStrategy,
    JsonObject? NetworkConfiguration,
    IReadOnlyDictionary<string, string> Tags);
