using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.TestUtilities.Contracts.Ecs;

/// <summary>RunTask / DescribeTasks / ListTasks / StopTask on an EC2 container instance.</summary>
public abstract class EcsTaskContract : EcsContractBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegisterContainerInstanceAsync(Cluster);
    }

    private async Task<JsonObject> RunAsync(string family, string startedBy, int count = 1)
    {
        await RegisterAsync(EcsSamples.TaskDefinition(family));
        return await Send(EcsAction.RunTask, new JsonObject
        {
            ["cluster"] = Cluster, ["taskDefinition"] = family, ["count"] = count, ["startedBy"] = startedBy,
            ["launchType"] = "EC2", ["tags"] = EcsSamples.Tags(("job", startedBy)),
        });
    }

    [Fact]
    public async Task RunTask_starts_tasks_with_real_arns_startedBy_group_and_tags()
    {
        var family = Unique("job");
        var resp = await RunAsync(family, "job-1", count: 2);

        var tasks = resp.Arr("tasks").Objects().ToList();
        Assert.Equal(2, tasks.Count);
        Assert.Empty(resp.Arr("failures").Objects());
        foreach (var t in tasks)
        {
            Assert.Matches($@"^arn:aws:ecs:[a-z0-9-]+:\d{{12}}:task/{Cluster}/[0-9a-f-]+$", t.Str("taskArn"));
            Assert.Equal("job-1", t.Str("startedBy"));
            Assert.Equal("RUNNING", t.Str("desiredStatus"));
            Assert.EndsWith($"task-definition/{family}:1", t.Str("taskDefinitionArn"));
            Assert.Contains(t.Arr("containers").Objects(), c => c.Str("name") == "app");
        }
    }

    [Fact]
    public async Task Tasks_are_described_by_arn_with_tags_and_missing_ones_reported()
    {
        var family = Unique("desc");
        var arn = (await RunAsync(family, "desc-1")).Arr("tasks").Objects().Single().Str("taskArn")!;
        var missing = arn[..(arn.LastIndexOf('/') + 1)] + "0123456789abcdef0123456789abcdef";

        var (tasks, failures) = await Ecs.DescribeTasksAsync(Cluster, [arn, missing], CancellationToken.None);

        var t = Assert.Single(tasks);
        Assert.Equal(arn, t.Str("taskArn"));
        Assert.Contains(t.Arr("tags").Objects(), x => x.Str("key") == "job" && x.Str("value") == "desc-1");
        Assert.Equal("MISSING", Assert.Single(failures).Str("reason"));
    }

    [Fact]
    public async Task ListTasks_filters_by_startedBy()
    {
        var family = Unique("list");
        var mine = (await RunAsync(family, "mine")).Arr("tasks").Objects().Single().Str("taskArn")!;
        await RunAsync(family, "other");

        var listed = await Ecs.ListTasksAsync(Cluster, CancellationToken.None, startedBy: "mine");

        Assert.Equal([mine], listed);
    }

    [Fact]
    public async Task StopTask_sets_desired_status_stopped_with_the_reason()
    {
        var family = Unique("stop");
        var arn = (await RunAsync(family, "stop-1")).Arr("tasks").Objects().Single().Str("taskArn")!;

        var stopped = (await Send(EcsAction.StopTask, new JsonObject { ["cluster"] = Cluster, ["task"] = arn, ["reason"] = "operator: job deleted" })).Obj("task")!;
        await SettleAsync();
        var (tasks, _) = await Ecs.DescribeTasksAsync(Cluster, [arn], CancellationToken.None);

        Assert.Equal("STOPPED", stopped.Str("desiredStatus"));
        var t = Assert.Single(tasks);
        Assert.Equal("STOPPED", t.Str("desiredStatus"));
        Assert.Equal("operator: job deleted", t.Str("stoppedReason"));
    }

    [Fact]
    public async Task Running_an_unknown_task_definition_fails()
    {
        var e = await ThrowsAws(() => Send(EcsAction.RunTask, new JsonObject { ["cluster"] = Cluster, ["taskDefinition"] = Unique("none") + ":1" }));
        Assert.True(e.Kind is AwsErrorKind.InvalidParameter or AwsErrorKind.NotFound, e.Code);
    }

    [Fact]
    public async Task Calls_on_a_missing_cluster_are_cluster_not_found()
    {
        var e = await ThrowsAws(() => Send(EcsAction.ListTasks, new JsonObject { ["cluster"] = Unique("nocluster") }));
        Assert.Equal("ClusterNotFoundException", e.Code);
    }
}
