using EcsOperator.Core.Events;
using EcsOperator.Core.Tests.Manifests;

namespace EcsOperator.Core.Tests.Events;

/// <summary>Every event type the operator consumes, read from samples in the shapes AWS documents.</summary>
public sealed class AwsEventParserTests
{
    private static AwsEvent Parse(string sample)
    {
        var parsed = AwsEventParser.Parse(File.ReadAllText(RepoRoot.Combine("tests", "EcsOperator.Core.Tests", "Events", "samples", sample)));
        Assert.True(parsed.Event is not null, parsed.Problem);
        return parsed.Event!;
    }

    [Fact]
    public void Task_state_change_names_cluster_task_version_and_group()
    {
        var e = Assert.IsType<TaskStateChanged>(Parse("task-state-change.json"));
        Assert.Equal("FargateCluster", e.Cluster);
        Assert.Equal("arn:aws:ecs:us-west-2:111122223333:task/FargateCluster/c13b4cb40f1f4fe4a2971f76ae5a47ad", e.TaskArn);
        Assert.Equal("RUNNING", e.LastStatus);
        Assert.Equal(4, e.Version);
        Assert.Null(e.ServiceName);
        Assert.Equal("FargateApp", e.Task["containers"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse("2020-01-23T17:57:58Z"), e.Time);
    }

    [Fact]
    public void A_stopped_service_task_names_its_service_and_carries_exit_codes()
    {
        var e = Assert.IsType<TaskStateChanged>(Parse("task-stopped-service.json"));
        Assert.Equal("web", e.ServiceName);
        Assert.Equal("default", e.Cluster);
        Assert.Equal("STOPPED", e.LastStatus);
        Assert.Equal("ecs-svc/9223370555670052353", e.StartedBy);
        Assert.Equal(0, e.Task["containers"]![0]!["exitCode"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("deployment-state-change.json", "SERVICE_DEPLOYMENT_IN_PROGRESS", "ECS Deployment State Change")]
    [InlineData("service-action.json", "SERVICE_STEADY_STATE", "ECS Service Action")]
    public void Service_events_name_cluster_and_service_from_the_service_arn(string sample, string eventName, string detailType)
    {
        var e = Assert.IsType<ServiceChanged>(Parse(sample));
        Assert.Equal("default", e.Cluster);
        Assert.Equal("servicetest", e.ServiceName);
        Assert.Equal(eventName, e.EventName);
        Assert.Equal(detailType, e.DetailType);
    }

    [Fact]
    public void An_old_format_service_arn_takes_the_cluster_from_the_detail_or_none()
    {
        var withCluster = AwsEventParser.Parse("""
            {"id":"1","source":"aws.ecs","detail-type":"ECS Service Action","time":"2019-11-19T19:27:22Z",
             "resources":["arn:aws:ecs:us-west-2:111122223333:service/servicetest"],
             "detail":{"eventName":"SERVICE_STEADY_STATE","clusterArn":"arn:aws:ecs:us-west-2:111122223333:cluster/prod"}}
            """);
        Assert.Equal(("prod", "servicetest"), (((ServiceChanged)withCluster.Event!).Cluster, ((ServiceChanged)withCluster.Event!).ServiceName));
        var without = AwsEventParser.Parse("""
            {"id":"1","source":"aws.ecs","detail-type":"ECS Deployment State Change","time":"2019-11-19T19:27:22Z",
             "resources":["arn:aws:ecs:us-west-2:111122223333:service/servicetest"],"detail":{"eventName":"SERVICE_DEPLOYMENT_COMPLETED"}}
            """);
        Assert.Null(((ServiceChanged)without.Event!).Cluster);
    }

    [Fact]
    public void Alarm_state_change_reads_cloudwatchs_timestamp_format()
    {
        var e = Assert.IsType<AlarmStateChanged>(Parse("alarm-state-change.json"));
        Assert.Equal("ServerCpuTooHigh", e.AlarmName);
        Assert.Equal("ALARM", e.State);
        Assert.Equal(new DateTimeOffset(2019, 10, 2, 17, 4, 40, 989, TimeSpan.Zero), e.StateTimestamp);
    }

    [Theory]
    [InlineData("spot-interruption-warning.json", InstanceWarningKind.SpotInterruption, "terminate")]
    [InlineData("rebalance-recommendation.json", InstanceWarningKind.RebalanceRecommendation, null)]
    public void Instance_warnings_name_the_instance(string sample, InstanceWarningKind kind, string? action)
    {
        var e = Assert.IsType<InstanceWarning>(Parse(sample));
        Assert.Equal("i-1234567890abcdef0", e.InstanceId);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(action, e.Action);
    }

    [Theory]
    [InlineData("terminate-lifecycle-action.json", "i-12345678", "autoscaling:EC2_INSTANCE_TERMINATING")]
    [InlineData("launch-lifecycle-action.json", "i-1234567890abcdef0", "autoscaling:EC2_INSTANCE_LAUNCHING")]
    public void Lifecycle_actions_name_the_group_and_instance(string sample, string instance, string transition)
    {
        var e = Assert.IsType<LifecycleAction>(Parse(sample));
        Assert.Equal("my-asg", e.GroupName);
        Assert.Equal(instance, e.InstanceId);
        Assert.Equal(transition, e.Transition);
    }

    [Fact]
    public void Every_routed_type_has_a_sample()
    {
        var samples = Directory.GetFiles(RepoRoot.Combine("tests", "EcsOperator.Core.Tests", "Events", "samples"), "*.json")
            .Select(f => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(f))!)
            .Select(j => (j["source"]!.GetValue<string>(), j["detail-type"]!.GetValue<string>())).ToHashSet();
        Assert.All(AwsEventParser.Routed, r => Assert.Contains(r, samples));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("not json", false)]
    [InlineData("[1,2]", false)]
    [InlineData("apiVersion: ecs.operator/v1\nkind: Job", false)]
    [InlineData("""{"source":"aws.ecs"}""", false)]
    [InlineData("""{"source":"aws.ecs","detail-type":"ECS Task State Change","detail":"x"}""", false)]
    [InlineData("""{"source":"aws.ecs","detail-type":"ECS Task State Change","detail":{"clusterArn":"arn:aws:ecs:r:1:cluster/c"}}""", false)]
    [InlineData("""{"source":"aws.ecs","detail-type":"ECS Task State Change","detail":{"taskArn":"t"}}""", false)]
    [InlineData("""{"source":"aws.ecs","detail-type":"ECS Service Action","resources":[],"detail":{}}""", false)]
    [InlineData("""{"source":"aws.ecs","detail-type":"ECS Service Action","resources":["arn:aws:ecs:r:1:service/a/b/c"],"detail":{}}""", false)]
    [InlineData("""{"source":"aws.cloudwatch","detail-type":"CloudWatch Alarm State Change","detail":{"alarmName":"a"}}""", false)]
    [InlineData("""{"source":"aws.cloudwatch","detail-type":"CloudWatch Alarm State Change","detail":{"alarmName":"a","state":{"value":"OK","timestamp":"yesterday"}}}""", false)]
    [InlineData("""{"source":"aws.ec2","detail-type":"EC2 Spot Instance Interruption Warning","detail":{"instance-id":7}}""", false)]
    [InlineData("""{"source":"aws.autoscaling","detail-type":"EC2 Instance-terminate Lifecycle Action","detail":{"EC2InstanceId":"i-1"}}""", false)]
    [InlineData("""{"source":"aws.ecs","detail-type":"ECS Container Instance State Change","detail":{}}""", true)]
    [InlineData("""{"source":"aws.s3","detail-type":"Object Created","detail":{}}""", true)]
    [InlineData("""{"source":"my.app","detail-type":"ECS Task State Change","detail":{}}""", true)]
    public void Malformed_and_unknown_bodies_are_reported_never_thrown(string body, bool unknown)
    {
        var parsed = AwsEventParser.Parse(body);
        Assert.Null(parsed.Event);
        Assert.Equal(unknown, parsed.Unknown);
        Assert.False(string.IsNullOrEmpty(parsed.Problem));
    }

    [Theory]
    [InlineData("2020-01-23T17:57:58Z", "2020-01-23T17:57:58.000Z")]
    [InlineData("2020-01-23T17:57:58.103Z", "2020-01-23T17:57:58.103Z")]
    [InlineData("2019-10-02T17:04:40.989+0000", "2019-10-02T17:04:40.989Z")]
    [InlineData("2019-10-02T19:04:40.989+0200", "2019-10-02T17:04:40.989Z")]
    [InlineData("2019-10-02T12:04:40-05:00", "2019-10-02T17:04:40.000Z")]
    public void Event_times_in_every_format_aws_uses(string text, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc), AwsEventParser.ParseTime(text));
}
