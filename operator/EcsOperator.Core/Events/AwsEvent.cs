using System.Text.Json.Nodes;

namespace EcsOperator.Core.Events;

/// <summary>
/// One AWS event as EventBridge delivers it to an SQS target: the envelope (<c>id</c>, <c>source</c>, <c>detail-type</c>,
/// <c>time</c>, <c>resources</c>) read into one of the typed kinds below. Only the fields the operator acts on are read;
/// everything else in <c>detail</c> is ignored.
/// </summary>
public abstract record AwsEvent(string Id, DateTimeOffset Time);

/// <summary>ECS Task State Change. <paramref name="Task"/> is the event's <c>detail</c>, which has the shape of a
/// DescribeTasks task (without tags); <paramref name="Version"/> increases with every change of the task.</summary>
public sealed record TaskStateChanged(
    string Id, DateTimeOffset Time, string Cluster, string TaskArn, string? LastStatus, long? Version, string? StartedBy, string? Group,
    JsonObject Task) : AwsEvent(Id, Time)
{
    /// <summary>The service name when the task belongs to a service (<c>group</c> is <c>service:NAME</c>).</summary>
    public string? ServiceName => Group is { } g && g.StartsWith("service:", StringComparison.Ordinal) ? g["service:".Length..] : null;
}

/// <summary>ECS Deployment State Change or ECS Service Action for one service. <paramref name="Cluster"/> is null when
/// the service ARN is in the old format without a cluster and the event names none.</summary>
public sealed record ServiceChanged(string Id, DateTimeOffset Time, string? Cluster, string ServiceName, string? EventName, string DetailType)
    : AwsEvent(Id, Time);

/// <summary>CloudWatch Alarm State Change: the alarm's new state and when CloudWatch set it.</summary>
public sealed record AlarmStateChanged(string Id, DateTimeOffset Time, string AlarmName, string State, DateTimeOffset StateTimestamp)
    : AwsEvent(Id, Time);

/// <summary>What an instance warning announces.</summary>
public enum InstanceWarningKind
{
    /// <summary>EC2 Spot Instance Interruption Warning: the instance is reclaimed about two minutes later.</summary>
    SpotInterruption,

    /// <summary>EC2 Instance Rebalance Recommendation: the instance is at elevated risk of interruption.</summary>
    RebalanceRecommendation,
}

/// <summary>A Spot interruption warning or rebalance recommendation for one EC2 instance.</summary>
public sealed record InstanceWarning(string Id, DateTimeOffset Time, string InstanceId, InstanceWarningKind Kind, string? Action)
    : AwsEvent(Id, Time);

/// <summary>EC2 Instance-launch or Instance-terminate Lifecycle Action of an Auto Scaling group.</summary>
public sealed record LifecycleAction(string Id, DateTimeOffset Time, string GroupName, string? InstanceId, string? Transition)
    : AwsEvent(Id, Time);
