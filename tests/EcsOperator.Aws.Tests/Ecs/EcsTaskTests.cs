using System.Text.Json.Nodes;
using EcsOperator.Aws.Tests.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Ecs;

/// <summary>Tasks and container instances. moto places EC2 tasks only on a registered container instance, which needs a
/// real (moto) EC2 instance: one is started with <c>aws ec2 run-instances</c> per test.</summary>
[Collection(AwsClientsMotoCollection.Name)]
public sealed class EcsTaskTests(MotoServer moto)
{
    private async Task<(string Cluster, string ContainerInstanceArn, string Family)> ClusterWithInstanceAsync(IEcsApi ecs)
    {
        var cluster = AwsClientsMoto.Unique("tasks");
        await ecs.SendAsync(EcsAction.CreateCluster, new JsonObject { ["clusterName"] = cluster }, default);
        var instanceId = (await moto.CliAsync("ec2", "run-instances", "--image-id", "ami-12c6146b", "--count", "1",
            "--instance-type", "t3.micro", "--query", "Instances[0].InstanceId", "--output", "text")).Trim();
        var document = new JsonObject { ["instanceId"] = instanceId, ["region"] = moto.Region, ["availabilityZone"] = moto.Region + "a" };
        var registered = await ecs.SendAsync("RegisterContainerInstance", new JsonObject
        {
            ["cluster"] = cluster,
            ["instanceIdentityDocument"] = document.ToJsonString(),
        }, default);
        await ecs.SendAsync(EcsAction.RegisterTaskDefinition, JsonNode.Parse($$"""
            { "family": "{{cluster}}", "containerDefinitions": [ { "name": "app", "image": "busybox", "memory": 32 } ] }
            """)!.AsObject(), default);
        return (cluster, registered.Obj("containerInstance").Str("containerInstanceArn")!, cluster);
    }

    [SkippableFact]
    public async Task RunTask_with_token_startedBy_overrides_and_tags_then_describe_list_and_stop()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var (cluster, _, family) = await ClusterWithInstanceAsync(aws.Ecs);

        var run = await aws.Ecs.SendAsync(EcsAction.RunTask, JsonNode.Parse($$"""
            {
              "cluster": "{{cluster}}", "taskDefinition": "{{family}}", "count": 1, "launchType": "EC2",
              "clientToken": "job-default-nightly-1", "startedBy": "ecs-operator/job-1",
              "overrides": { "containerOverrides": [ { "name": "app", "command": [ "echo", "hello" ],
                             "environment": [ { "name": "RUN", "value": "1" } ] } ] },
              "tags": [ { "key": "{{OperatorTags.Owner}}", "value": "Job/default/nightly-1" } ]
            }
            """)!.AsObject(), default);
        Assert.Empty(run.Arr("failures").Objects());
        var taskArn = run.Arr("tasks").Objects().Single().Str("taskArn")!;

        var cli = JsonNode.Parse(await moto.CliAsync("ecs", "describe-tasks", "--cluster", cluster, "--tasks", taskArn, "--include", "TAGS"))!.AsObject();
        var seen = cli.Arr("tasks").Objects().Single();
        Assert.Equal("ecs-operator/job-1", seen.Str("startedBy"));
        Assert.Equal(["echo", "hello"], seen.Obj("overrides").Arr("containerOverrides").Objects().Single().Arr("command").Strings());
        Assert.Contains(seen.Arr("tags").Objects(), t => t.Str("key") == OperatorTags.Owner && t.Str("value") == "Job/default/nightly-1");

        Assert.Equal([taskArn], await aws.Ecs.ListTasksAsync(cluster, default, startedBy: "ecs-operator/job-1"));
        // moto 5.2.1 leaves unknown task ARNs out without a "failures" entry, so only the found side is checked.
        var (tasks, _) = await aws.Ecs.DescribeTasksAsync(cluster, [taskArn, taskArn.Replace(taskArn[^8..], "00000000", StringComparison.Ordinal)], default);
        Assert.Equal(taskArn, tasks.Single().Str("taskArn"));

        await aws.Ecs.SendAsync(EcsAction.StopTask, new JsonObject { ["cluster"] = cluster, ["task"] = taskArn, ["reason"] = "test stop" }, default);
        var status = await moto.CliAsync("ecs", "describe-tasks", "--cluster", cluster, "--tasks", taskArn,
            "--query", "tasks[0].[desiredStatus,stoppedReason]", "--output", "text");
        Assert.Equal("STOPPED\ttest stop", status.Trim());
    }

    [SkippableFact]
    public async Task Container_instances_list_describe_drain_and_tags_round_trip_with_the_cli()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var (cluster, instanceArn, family) = await ClusterWithInstanceAsync(aws.Ecs);

        Assert.Equal([instanceArn], await aws.Ecs.ListContainerInstancesAsync(cluster, "ACTIVE", default));
        var described = (await aws.Ecs.DescribeContainerInstancesAsync(cluster, [instanceArn], default)).Single();
        Assert.StartsWith("i-", described.Str("ec2InstanceId"), StringComparison.Ordinal);

        var updated = await aws.Ecs.SendAsync(EcsAction.UpdateContainerInstancesState, new JsonObject
        {
            ["cluster"] = cluster,
            ["containerInstances"] = new JsonArray(instanceArn),
            ["status"] = "DRAINING",
        }, default);
        Assert.Equal("DRAINING", updated.Arr("containerInstances").Objects().Single().Str("status"));
        var cliStatus = await moto.CliAsync("ecs", "describe-container-instances", "--cluster", cluster, "--container-instances", instanceArn,
            "--query", "containerInstances[0].status", "--output", "text");
        Assert.Equal("DRAINING", cliStatus.Trim());
        // moto 5.2.1 ignores ListContainerInstances' status filter; the DRAINING instance is still listed.
        Assert.Equal([instanceArn], await aws.Ecs.ListContainerInstancesAsync(cluster, "DRAINING", default));

        // TagResource by our client is seen by the CLI; a tag the CLI adds is seen by our ListTagsForResource.
        var tdArn = (await aws.Ecs.DescribeTaskDefinitionAsync(family, default))!.Value.TaskDefinition.Str("taskDefinitionArn")!;
        await aws.Ecs.SendAsync(EcsAction.TagResource, new JsonObject
        {
            ["resourceArn"] = tdArn,
            ["tags"] = new JsonArray(new JsonObject { ["key"] = OperatorTags.Generation, ["value"] = "7" }),
        }, default);
        await moto.CliAsync("ecs", "tag-resource", "--resource-arn", tdArn, "--tags", "key=team,value=ops");
        var tags = await aws.Ecs.SendAsync(EcsAction.ListTagsForResource, new JsonObject { ["resourceArn"] = tdArn }, default);
        var byKey = tags.Arr("tags").Objects().ToDictionary(t => t.Str("key")!, t => t.Str("value"));
        Assert.Equal("7", byKey[OperatorTags.Generation]);
        Assert.Equal("ops", byKey["team"]);
    }
}
