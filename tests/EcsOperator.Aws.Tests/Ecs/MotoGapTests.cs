using System.Text.Json.Nodes;
using EcsOperator.Aws.Logs;
using EcsOperator.Aws.Tests.Wire;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Ecs;

/// <summary>
/// Semantics the operator relies on that moto 5.2.1 does not implement. Each test drives our client and asserts the real
/// AWS behaviour; where moto's answer shows the gap the test is skipped with the reason, so the list stays visible
/// (and the test starts asserting as soon as the backend implements it).
/// </summary>
[Collection(AwsClientsMotoCollection.Name)]
public sealed class MotoGapTests(MotoServer moto)
{
    private static async Task<string> ClusterWithServicesAsync(IEcsApi ecs, int services)
    {
        var cluster = AwsClientsMoto.Unique("gaps");
        await ecs.SendAsync(EcsAction.CreateCluster, new JsonObject { ["clusterName"] = cluster }, default);
        var td = (await ecs.SendAsync(EcsAction.RegisterTaskDefinition, JsonNode.Parse($$"""
            { "family": "{{cluster}}", "containerDefinitions": [ { "name": "app", "image": "nginx", "memory": 32 } ] }
            """)!.AsObject(), default)).Obj("taskDefinition").Str("taskDefinitionArn");
        for (var i = 0; i < services; i++)
        {
            await ecs.SendAsync(EcsAction.CreateService, new JsonObject
            {
                ["cluster"] = cluster, ["serviceName"] = $"s{i}", ["taskDefinition"] = td, ["desiredCount"] = 0,
            }, default);
        }
        return cluster;
    }

    [SkippableFact]
    public async Task ListServices_pages_with_maxResults_and_nextToken()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var cluster = await ClusterWithServicesAsync(aws.Ecs, 5);

        var first = await aws.Ecs.SendAsync(EcsAction.ListServices, new JsonObject { ["cluster"] = cluster, ["maxResults"] = 2 }, default);
        Skip.If(first.Arr("serviceArns")!.Count > 2, "moto 5.2.1 ignores ListServices maxResults/nextToken (returns every service in one page)");
        Assert.Equal(2, first.Arr("serviceArns")!.Count);
        Assert.NotNull(first.Str("nextToken"));
        Assert.Equal(5, (await aws.Ecs.ListServicesAsync(cluster, default)).Count);
    }

    [SkippableFact]
    public async Task RunTask_with_the_same_clientToken_starts_one_task()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var (cluster, _, family) = await MotoEcsSetup.ClusterWithInstanceAsync(moto, aws.Ecs);
        var run = new JsonObject { ["cluster"] = cluster, ["taskDefinition"] = family, ["clientToken"] = "same-token", ["startedBy"] = "gap-test" };

        var first = (await aws.Ecs.SendAsync(EcsAction.RunTask, run, default)).Arr("tasks").Objects().Single().Str("taskArn");
        var second = (await aws.Ecs.SendAsync(EcsAction.RunTask, run, default)).Arr("tasks").Objects().Single().Str("taskArn");
        Skip.If(first != second, "moto 5.2.1 ignores RunTask clientToken: a retried RunTask starts a second task");
        Assert.Single(await aws.Ecs.ListTasksAsync(cluster, default, startedBy: "gap-test"));
    }

    [SkippableFact]
    public async Task DescribeTasks_reports_unknown_arns_as_failures()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var (cluster, _, _) = await MotoEcsSetup.ClusterWithInstanceAsync(moto, aws.Ecs);
        var missing = $"arn:aws:ecs:{moto.Region}:123456789012:task/{cluster}/0123456789abcdef0123456789abcdef";

        var (tasks, failures) = await aws.Ecs.DescribeTasksAsync(cluster, [missing], default);
        Assert.Empty(tasks);
        Skip.If(failures.Count == 0, "moto 5.2.1 leaves unknown task ARNs out of DescribeTasks without a failures entry");
        Assert.Equal("MISSING", failures.Single().Str("reason"));
    }

    [SkippableFact]
    public async Task ListContainerInstances_filters_by_status()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var (cluster, instanceArn, _) = await MotoEcsSetup.ClusterWithInstanceAsync(moto, aws.Ecs);
        await aws.Ecs.SendAsync(EcsAction.UpdateContainerInstancesState, new JsonObject
        {
            ["cluster"] = cluster, ["containerInstances"] = new JsonArray(instanceArn), ["status"] = "DRAINING",
        }, default);

        var active = await aws.Ecs.ListContainerInstancesAsync(cluster, "ACTIVE", default);
        Skip.If(active.Count > 0, "moto 5.2.1 ignores ListContainerInstances status (a DRAINING instance is listed as ACTIVE)");
        Assert.Equal([instanceArn], await aws.Ecs.ListContainerInstancesAsync(cluster, "DRAINING", default));
    }

    [SkippableFact]
    public async Task FilterLogEvents_honours_logStreamNamePrefix()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var group = "/ecs/" + AwsClientsMoto.Unique("prefix");
        Task<JsonObject> Logs(string action, JsonObject body) =>
            MotoWire.JsonAsync(moto, AwsServiceDescriptor.Logs, CloudWatchLogsClient.TargetPrefix, action, body);
        await Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = group });
        foreach (var stream in new[] { "app/1", "job/1" })
        {
            await Logs("CreateLogStream", new JsonObject { ["logGroupName"] = group, ["logStreamName"] = stream });
            await Logs("PutLogEvents", new JsonObject
            {
                ["logGroupName"] = group, ["logStreamName"] = stream,
                ["logEvents"] = new JsonArray(new JsonObject { ["timestamp"] = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(), ["message"] = stream }),
            });
        }

        var page = await aws.Logs.FilterLogEventsAsync(group, "job/", null, null, default);
        Skip.If(page.Events.Any(e => e.LogStreamName == "app/1"), "moto 5.2.1 ignores FilterLogEvents logStreamNamePrefix (only logStreamNames is honoured)");
        Assert.Equal(["job/1"], page.Events.Select(e => e.Message));
    }
}
