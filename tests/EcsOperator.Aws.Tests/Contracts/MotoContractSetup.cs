using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon.Runtime;
using EcsOperator.Aws.Logs;
using EcsOperator.Aws.Tests.Wire;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Contracts;

/// <summary>
/// The set-up steps the ports cannot do themselves, made on moto over the wire (one aws CLI start-up per step would
/// cost more than the whole test): EC2 instances for container instances, launch configurations and groups, alarm
/// states, log events.
/// </summary>
internal static class MotoContractSetup
{
    private static readonly HttpClient Http = new();
    private static readonly AwsServiceDescriptor Ec2 = new("ec2", "ec2", "EC2");

    /// <summary>The wire clients on <paramref name="moto"/>; skips the test (visibly) when moto is not installed.</summary>
    public static AwsClientSet Clients(MotoServer moto)
    {
        moto.SkipIfUnavailable();
        return AwsClientsMoto.Create(moto);
    }

    /// <summary>Creates the cluster through the port (moto needs no more for a cluster).</summary>
    public static Task CreateClusterAsync(IEcsApi ecs, string name) =>
        ecs.SendAsync(EcsAction.CreateCluster, new JsonObject { ["clusterName"] = name }, CancellationToken.None);

    /// <summary>Starts one moto EC2 instance (m5.large) and registers it in <paramref name="cluster"/> with its
    /// instance identity document, as the ECS agent does; returns the container instance ARN.</summary>
    public static async Task<string> RegisterContainerInstanceAsync(MotoServer moto, IEcsApi ecs, string cluster)
    {
        var instanceId = await RunInstanceAsync(moto);
        var document = new JsonObject { ["instanceId"] = instanceId, ["region"] = moto.Region, ["availabilityZone"] = moto.Region + "a", ["instanceType"] = "m5.large" };
        var registered = await ecs.SendAsync("RegisterContainerInstance", new JsonObject
        {
            ["cluster"] = cluster,
            ["instanceIdentityDocument"] = document.ToJsonString(),
        }, CancellationToken.None);
        return registered.Obj("containerInstance").Str("containerInstanceArn")!;
    }

    private static async Task<string> RunInstanceAsync(MotoServer moto)
    {
        // EC2's query answers have no <RunInstancesResult> wrapper, so the body is read here rather than by QueryProtocol.
        var wire = new AwsWireClient(Http, new Uri(moto.Endpoint), moto.Region, Ec2,
            new AwsCredentialSource(new BasicAWSCredentials("testing", "testing")), TimeProvider.System);
        const string form = "Action=RunInstances&Version=2016-11-15&ImageId=ami-12c6146b&InstanceType=m5.large&MinCount=1&MaxCount=1";
        var response = await wire.PostAsync(Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded; charset=utf-8", null, CancellationToken.None);
        Assert.True(response.Status == 200, $"RunInstances failed ({response.Status}): {response.Body}");
        return XElement.Parse(response.Body).Descendants().First(e => e.Name.LocalName == "instanceId").Value;
    }

    /// <summary>A launch configuration of the group's own name and the group over two zones; moto starts its instances InService.</summary>
    public static async Task CreateAutoScalingGroupAsync(MotoServer moto, string name, int minSize, int maxSize, int desiredCapacity)
    {
        await AutoScalingAsync(moto, "CreateLaunchConfiguration", new QueryParameters()
            .Add("LaunchConfigurationName", name).Add("ImageId", "ami-12c6146b").Add("InstanceType", "m5.large"));
        await AutoScalingAsync(moto, "CreateAutoScalingGroup", new QueryParameters()
            .Add("AutoScalingGroupName", name).Add("LaunchConfigurationName", name)
            .Add("MinSize", minSize).Add("MaxSize", maxSize).Add("DesiredCapacity", desiredCapacity)
            .AddList("AvailabilityZones", [moto.Region + "a", moto.Region + "b"]));
    }

    private static Task<XElement> AutoScalingAsync(MotoServer moto, string action, QueryParameters p) =>
        MotoWire.QueryAsync(moto, AwsServiceDescriptor.AutoScaling, "2011-01-01", action, p);

    /// <summary>PutMetricAlarm (idempotent, keeps an existing alarm's state) then SetAlarmState, as <c>aws cloudwatch set-alarm-state</c> does.</summary>
    public static async Task SetAlarmStateAsync(MotoServer moto, string alarmName, string state, string reason)
    {
        await CloudWatchAsync(moto, "PutMetricAlarm", new QueryParameters()
            .Add("AlarmName", alarmName).Add("MetricName", "CPUUtilization").Add("Namespace", "AWS/ECS").Add("Statistic", "Average")
            .Add("Period", 60).Add("EvaluationPeriods", 1).Add("Threshold", "80").Add("ComparisonOperator", "GreaterThanThreshold"));
        await CloudWatchAsync(moto, "SetAlarmState", new QueryParameters()
            .Add("AlarmName", alarmName).Add("StateValue", state).Add("StateReason", reason));
    }

    private static Task<XElement> CloudWatchAsync(MotoServer moto, string action, QueryParameters p) =>
        MotoWire.QueryAsync(moto, AwsServiceDescriptor.CloudWatch, "2010-08-01", action, p);

    /// <summary>Creates the group and stream when missing and appends the messages, one millisecond apart, after now.</summary>
    public static async Task PutLogEventsAsync(MotoServer moto, string group, string stream, IReadOnlyList<string> messages)
    {
        await LogsIgnoringExistingAsync(moto, "CreateLogGroup", new JsonObject { ["logGroupName"] = group });
        await LogsIgnoringExistingAsync(moto, "CreateLogStream", new JsonObject { ["logGroupName"] = group, ["logStreamName"] = stream });
        var start = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var events = new JsonArray(messages.Select((m, i) => (JsonNode)new JsonObject { ["timestamp"] = start + i, ["message"] = m }).ToArray());
        await LogsAsync(moto, "PutLogEvents", new JsonObject { ["logGroupName"] = group, ["logStreamName"] = stream, ["logEvents"] = events });
    }

    private static async Task LogsIgnoringExistingAsync(MotoServer moto, string action, JsonObject body)
    {
        try
        {
            await LogsAsync(moto, action, body);
        }
        catch (AwsApiException e) when (e.Code == "ResourceAlreadyExistsException")
        {
        }
    }

    private static Task<JsonObject> LogsAsync(MotoServer moto, string action, JsonObject body) =>
        MotoWire.JsonAsync(moto, AwsServiceDescriptor.Logs, CloudWatchLogsClient.TargetPrefix, action, body);
}
