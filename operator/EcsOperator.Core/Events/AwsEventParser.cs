using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Events;

/// <summary>The result of reading one message: an event, or why it was dropped (<see cref="Unknown"/>: a well-formed
/// event of a type the operator does not act on; otherwise malformed).</summary>
public sealed record AwsEventParse(AwsEvent? Event, bool Unknown, string? Problem)
{
    public static AwsEventParse Ok(AwsEvent e) => new(e, false, null);

    public static AwsEventParse Ignored(string why) => new(null, true, why);

    public static AwsEventParse Malformed(string why) => new(null, false, why);
}

/// <summary>Reads EventBridge events (the JSON text an SQS target receives) into <see cref="AwsEvent"/>s. Never throws:
/// a body that is not an event, or an event missing a field the operator needs, is reported as malformed.</summary>
public static class AwsEventParser
{
    public const string TaskStateChange = "ECS Task State Change";
    public const string DeploymentStateChange = "ECS Deployment State Change";
    public const string ServiceAction = "ECS Service Action";
    public const string AlarmStateChange = "CloudWatch Alarm State Change";
    public const string SpotInterruptionWarning = "EC2 Spot Instance Interruption Warning";
    public const string RebalanceRecommendation = "EC2 Instance Rebalance Recommendation";
    public const string TerminateLifecycleAction = "EC2 Instance-terminate Lifecycle Action";
    public const string LaunchLifecycleAction = "EC2 Instance-launch Lifecycle Action";

    /// <summary>Every (source, detail-type) the operator consumes; the EventBridge rules route exactly these.</summary>
    public static IReadOnlyList<(string Source, string DetailType)> Routed { get; } =
    [
        ("aws.ecs", TaskStateChange), ("aws.ecs", DeploymentStateChange), ("aws.ecs", ServiceAction),
        ("aws.cloudwatch", AlarmStateChange), ("aws.ec2", SpotInterruptionWarning), ("aws.ec2", RebalanceRecommendation),
        ("aws.autoscaling", TerminateLifecycleAction), ("aws.autoscaling", LaunchLifecycleAction),
    ];

    public static AwsEventParse Parse(string body)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException e)
        {
            return AwsEventParse.Malformed($"not JSON: {e.Message}");
        }
        if (root is null) return AwsEventParse.Malformed("not a JSON object");
        var detailType = root.Str("detail-type");
        var source = root.Str("source");
        if (detailType is null || source is null) return AwsEventParse.Malformed("no 'source' or 'detail-type': not an EventBridge event");
        if (root.Obj("detail") is not { } detail) return AwsEventParse.Malformed($"{detailType}: no 'detail' object");
        var id = root.Str("id") ?? "";
        var time = ParseTime(root.Str("time")) ?? DateTimeOffset.MinValue;
        try
        {
            return (source, detailType) switch
            {
                ("aws.ecs", TaskStateChange) => Task(id, time, detail),
                ("aws.ecs", DeploymentStateChange or ServiceAction) => Service(id, time, detailType, detail, root.Arr("resources")),
                ("aws.cloudwatch", AlarmStateChange) => Alarm(id, time, detail),
                ("aws.ec2", SpotInterruptionWarning) => Instance(id, time, detail, InstanceWarningKind.SpotInterruption),
                ("aws.ec2", RebalanceRecommendation) => Instance(id, time, detail, InstanceWarningKind.RebalanceRecommendation),
                ("aws.autoscaling", TerminateLifecycleAction or LaunchLifecycleAction) => Lifecycle(id, time, detail),
                _ => AwsEventParse.Ignored($"{source} '{detailType}' is not an event the operator acts on"),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return AwsEventParse.Malformed($"{detailType}: {e.Message}");
        }
    }

    private static AwsEventParse Task(string id, DateTimeOffset time, JsonObject detail)
    {
        if (detail.Str("taskArn") is not { Length: > 0 } arn) return AwsEventParse.Malformed($"{TaskStateChange}: detail.taskArn is missing");
        if (ClusterName(detail.Str("clusterArn")) is not { } cluster) return AwsEventParse.Malformed($"{TaskStateChange}: detail.clusterArn is missing");
        return AwsEventParse.Ok(new TaskStateChanged(id, time, cluster, arn, detail.Str("lastStatus"), detail.Long("version"),
            detail.Str("startedBy"), detail.Str("group"), detail));
    }

    private static AwsEventParse Service(string id, DateTimeOffset time, string detailType, JsonObject detail, JsonArray? resources)
    {
        var serviceArn = resources.Strings().FirstOrDefault(r => r.Contains(":service/", StringComparison.Ordinal));
        if (serviceArn is null) return AwsEventParse.Malformed($"{detailType}: no service ARN in 'resources'");
        // arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/NAME (or the old service/NAME)
        var parts = serviceArn[(serviceArn.IndexOf(":service/", StringComparison.Ordinal) + ":service/".Length)..].Split('/');
        if (parts.Any(p => p.Length == 0) || parts.Length > 2) return AwsEventParse.Malformed($"{detailType}: '{serviceArn}' is not a service ARN");
        var cluster = parts.Length == 2 ? parts[0] : ClusterName(detail.Str("clusterArn"));
        return AwsEventParse.Ok(new ServiceChanged(id, time, cluster, parts[^1], detail.Str("eventName"), detailType));
    }

    private static AwsEventParse Alarm(string id, DateTimeOffset time, JsonObject detail)
    {
        if (detail.Str("alarmName") is not { Length: > 0 } name) return AwsEventParse.Malformed($"{AlarmStateChange}: detail.alarmName is missing");
        var state = detail.Obj("state");
        if (state.Str("value") is not { Length: > 0 } value) return AwsEventParse.Malformed($"{AlarmStateChange}: detail.state.value is missing");
        var at = ParseTime(state.Str("timestamp")) ?? (time == DateTimeOffset.MinValue ? null : time);
        if (at is null) return AwsEventParse.Malformed($"{AlarmStateChange}: detail.state.timestamp is missing or not a time");
        return AwsEventParse.Ok(new AlarmStateChanged(id, time, name, value, at.Value));
    }

    private static AwsEventParse Instance(string id, DateTimeOffset time, JsonObject detail, InstanceWarningKind kind)
    {
        if (detail.Str("instance-id") is not { Length: > 0 } instance) return AwsEventParse.Malformed($"{kind}: detail.instance-id is missing");
        return AwsEventParse.Ok(new InstanceWarning(id, time, instance, kind, detail.Str("instance-action")));
    }

    private static AwsEventParse Lifecycle(string id, DateTimeOffset time, JsonObject detail)
    {
        if (detail.Str("AutoScalingGroupName") is not { Length: > 0 } group)
            return AwsEventParse.Malformed("lifecycle action: detail.AutoScalingGroupName is missing");
        return AwsEventParse.Ok(new LifecycleAction(id, time, group, detail.Str("EC2InstanceId"), detail.Str("LifecycleTransition")));
    }

    /// <summary>The cluster name of a cluster ARN (<c>arn:...:cluster/NAME</c>), or the text itself when it is a name.</summary>
    public static string? ClusterName(string? clusterArn)
    {
        if (string.IsNullOrEmpty(clusterArn)) return null;
        var i = clusterArn.IndexOf(":cluster/", StringComparison.Ordinal);
        return i < 0 ? clusterArn : clusterArn[(i + ":cluster/".Length)..];
    }

    /// <summary>Event times: RFC 3339 (<c>2020-01-23T17:57:58Z</c>, <c>...58.103Z</c>) and CloudWatch's
    /// <c>2019-10-02T17:04:40.989+0000</c>.</summary>
    public static DateTimeOffset? ParseTime(string? s)
    {
        if (string.IsNullOrEmpty(s)) return null;
        // "+0000" → "+00:00", which the round-trip parser reads
        if (s.Length > 5 && s[^5] is '+' or '-' && s[^4..].All(char.IsAsciiDigit)) s = s[..^2] + ":" + s[^2..];
        return Model.Rfc3339.Parse(s);
    }
}
