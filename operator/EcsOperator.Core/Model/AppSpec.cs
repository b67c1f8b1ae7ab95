using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace EcsOperator.Core.Model;

/// <summary>What happens to the ECS service when its App is deleted.</summary>
public enum DeletionPolicy
{
    /// <summary>Scale the service to zero and delete it.</summary>
    Delete,
    /// <summary>Leave the service running, unmanaged.</summary>
    Retain,
}

/// <summary><c>spec</c> of an App: one ECS service and its task definition family.</summary>
public sealed record AppSpec
{
    [Description("Name of the ECS cluster the service runs in.")]
    public required string Cluster { get; init; }

    [Description("AWS region of the cluster. Defaults to the operator's region.")]
    public string? Region { get; init; }

    [Description("Desired number of running tasks. Left to the ScalePolicy when one targets this App; defaults to 1 otherwise.")]
    [Range(0, 100000)]
    public int? Replicas { get; init; }

    [Description("The task definition in the shape of the ECS RegisterTaskDefinition API (camelCase), passed through. The operator owns 'family' and tags.")]
    [EcsApiShape("RegisterTaskDefinition")]
    public required JsonObject TaskDefinition { get; init; }

    [Description("Service settings in the shape of the ECS CreateService/UpdateService API (camelCase) without cluster, taskDefinition and desiredCount, passed through.")]
    [EcsApiShape("CreateService", AlsoAccept = "UpdateService")]
    public JsonObject? Service { get; init; }

    [Description("Commands that must succeed before a rollout.")]
    public AppHooks? Hooks { get; init; }

    [Description("Seconds a rollout may take before the App is marked Degraded.")]
    [Range(1, 86400)]
    [DefaultValue(600)]
    public int ProgressDeadlineSeconds { get; init; } = 600;

    [Description("How many old task definition revisions the operator keeps active; older ones are deregistered.")]
    [Range(0, 1000)]
    [DefaultValue(10)]
    public int RevisionHistoryLimit { get; init; } = 10;

    [Description("Paths another owner changes on purpose, left out of drift comparison and updates (a create still sets them from the spec): " +
        "'desiredCount', or a JSON pointer or dotted path into service or taskDefinition such as '/service/capacityProviderStrategy', " +
        "'service.tags' or 'taskDefinition.containerDefinitions[app].image' (list items by name, key, capacityProvider or containerName, '*' for all).")]
    public IReadOnlyList<string>? IgnoreDifferences { get; init; }

    [Description("'Delete' removes the ECS service when the App is deleted; 'Retain' leaves it running.")]
    [DefaultValue(DeletionPolicy.Delete)]
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.Delete;
}

/// <summary>Lifecycle hooks of an App.</summary>
public sealed record AppHooks
{
    [Description("One-off tasks run with the new task definition before the service is updated (e.g. db:migrate); all must exit 0.")]
    public IReadOnlyList<HookSpec> PreDeploy { get; init; } = [];
}

/// <summary>One one-off command run before a rollout.</summary>
public sealed record HookSpec
{
    [Description("Name of the hook, unique within the App (a DNS label).")]
    public required string Name { get; init; }

    [Description("Container of the task definition whose command is overridden. Defaults to the first container.")]
    public string? Container { get; init; }

    [Description("Command to run (overrides the container's command).")]
    [MinLength(1)]
    public required IReadOnlyList<string> Command { get; init; }

    [Description("Extra environment variables for the hook's container.")]
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    [Description("Seconds the hook may run before it is stopped and the rollout fails.")]
    [Range(1, 604800)]
    public int? TimeoutSeconds { get; init; }
}
