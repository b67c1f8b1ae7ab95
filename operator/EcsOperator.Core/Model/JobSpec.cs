using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace EcsOperator.Core.Model;

/// <summary><c>spec</c> of a Job: one run of a task to completion, exit code recorded.</summary>
[ExactlyOneOf("appRef", "taskDefinition")]
[MutuallyExclusive("launchType", "capacityProviderStrategy")]
public sealed record JobSpec
{
    [Description("Name of the ECS cluster to run the task in. Defaults to the referenced App's cluster when appRef is set.")]
    public string? Cluster { get; init; }

    [Description("AWS region of the cluster. Defaults to the operator's region (or the App's).")]
    public string? Region { get; init; }

    [Description("Name of an App in the same namespace whose task definition the Job runs. Exclusive with taskDefinition.")]
    public string? AppRef { get; init; }

    [Description("An inline task definition in the shape of the ECS RegisterTaskDefinition API (camelCase), passed through. Exclusive with appRef.")]
    [EcsApiShape("RegisterTaskDefinition")]
    public JsonObject? TaskDefinition { get; init; }

    [Description("The Job's container: its command and environment are overridden, and its exit code is the Job's outcome. When it exits, the rest of the task (web servers, log routers, proxies) is stopped. Defaults to the first essential container.")]
    public string? Container { get; init; }

    [Description("Command to run (overrides the container's command).")]
    public IReadOnlyList<string>? Command { get; init; }

    [Description("Extra environment variables for the container.")]
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    [Description("Task-level CPU override in CPU units (1024 = 1 vCPU).")]
    [Range(1, 196608)]
    public int? Cpu { get; init; }

    [Description("Task-level memory override in MiB.")]
    [Range(1, 1048576)]
    public int? Memory { get; init; }

    [Description("ECS launch type: EC2, FARGATE or EXTERNAL. Exclusive with capacityProviderStrategy.")]
    [AllowedValues("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES")]
    public string? LaunchType { get; init; }

    [Description("Capacity provider strategy in the ECS RunTask shape, passed through.")]
    [EcsApiShape("RunTask", "capacityProviderStrategy")]
    public JsonArray? CapacityProviderStrategy { get; init; }

    [Description("Network configuration in the ECS RunTask shape (awsvpcConfiguration), passed through.")]
    [EcsApiShape("RunTask", "networkConfiguration")]
    public JsonObject? NetworkConfiguration { get; init; }

    [Description("Seconds the task may run before it is stopped and the attempt counts as failed.")]
    [Range(1, 604800)]
    public int? TimeoutSeconds { get; init; }

    [Description("Retries after a non-zero exit code.")]
    [Range(0, 100)]
    [DefaultValue(0)]
    public int BackoffLimit { get; init; }

    [Description("Retries when ECS cannot place the task (no capacity, throttling).")]
    public LaunchRetrySpec? LaunchRetry { get; init; }

    [Description("Seconds after completion when the finished Job is deleted. Kept forever when absent.")]
    [Range(0, 31536000)]
    public int? TtlSecondsAfterFinished { get; init; }
}

/// <summary>Retry policy for tasks ECS could not place.</summary>
public sealed record LaunchRetrySpec
{
    [Description("How many times to retry placing the task.")]
    [Range(0, 1000)]
    [DefaultValue(3)]
    public int Limit { get; init; } = 3;

    [Description("Seconds before the first retry; doubles on every retry.")]
    [Range(1, 86400)]
    [DefaultValue(10)]
    public int InitialIntervalSeconds { get; init; } = 10;

    [Description("Upper bound of the retry interval in seconds.")]
    [Range(1, 86400)]
    [DefaultValue(300)]
    public int MaxIntervalSeconds { get; init; } = 300;
}
