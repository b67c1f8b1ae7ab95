using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Tasks;

public sealed class TaskLifecycleTests
{
    private static JsonObject FargateRun(string family, JsonArray? tags = null, string? clientToken = null, string startedBy = "job/default/migrate")
    {
        var r = new JsonObject
        {
            ["cluster"] = "default", ["taskDefinition"] = family, ["launchType"] = "FARGATE", ["startedBy"] = startedBy,
            ["networkConfiguration"] = EcsSamples.AwsvpcConfiguration(),
        };
        if (tags is not null) r["tags"] = tags;
        if (clientToken is not null) r["clientToken"] = clientToken;
        return r;
    }

    [Fact]
    public async Task A_job_that_exits_3_stops_with_its_exit_code_and_its_log_lines()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").Build();
        await sim.RegisterAsync(EcsSamples.FargateTaskDefinition("migrate", logGroup: "/ecs/migrate"));
        var tags = EcsSamples.Tags(
            (WorkloadBehavior.ExitCodeTag, "3"), (WorkloadBehavior.RunSecondsTag, "30"), (WorkloadBehavior.LogTag, "Migrating users\nError: column missing"));
        var task = (await sim.SendAsync(EcsAction.RunTask, FargateRun("migrate", tags))).Arr("tasks").Objects().Single();
        var arn = task.Str("taskArn")!;
        var seen = new List<string>();

        Assert.True(await sim.AdvanceUntilAsync(async () =>
        {
            var status = (await sim.TaskAsync("default", arn)).Str("lastStatus")!;
            if (seen.Count == 0 || seen[^1] != status) seen.Add(status);
            return status == "STOPPED";
        }, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(500)));

        Assert.Equal(["PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"], seen);
        var t = await sim.TaskAsync("default", arn);
        Assert.Equal("EssentialContainerExited", t.Str("stopCode"));
        Assert.Equal("Essential container in task exited", t.Str("stoppedReason"));
        Assert.Equal(3, t.Arr("containers").Objects().Single().Int("exitCode"));
        Assert.Equal("job/default/migrate", t.Str("startedBy"));
        Assert.Equal("family:migrate", t.Str("group"));
        var started = t.Long("startedAt")!.Value;
        var stoppingAt = t.Long("stoppingAt")!.Value;
        Assert.Equal(30, stoppingAt - started);

        var taskId = arn.Split('/')[^1];
        var logs = await sim.Cloud.Logs.GetLogEventsAsync("/ecs/migrate", $"ecs/app/{taskId}", null, true, CancellationToken.None);
        Assert.Equal(["Migrating users", "Error: column missing"], logs.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task Stopped_tasks_stay_visible_for_an_hour()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").Build();
        await sim.RegisterAsync(EcsSamples.FargateTaskDefinition("short"));
        var arn = (await sim.SendAsync(EcsAction.RunTask, FargateRun("short"))).Arr("tasks").Objects().Single().Str("taskArn")!;
        sim.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("STOPPED", (await sim.TaskAsync("default", arn)).Str("lastStatus"));

        sim.Advance(TimeSpan.FromMinutes(58));
        Assert.Equal("STOPPED", (await sim.TaskAsync("default", arn)).Str("lastStatus"));
        sim.Advance(TimeSpan.FromMinutes(2));
        var (tasks, failures) = await sim.Ecs.DescribeTasksAsync("default", [arn], CancellationToken.None);
        Assert.Empty(tasks);
        Assert.Equal("MISSING", failures.Single().Str("reason"));
    }

    [Fact]
    public async Task Without_a_log_configuration_output_goes_to_the_default_group()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default", instances: 1).WithInstantTasks().Build();
        await sim.RegisterAsync(EcsSamples.TaskDefinition("plain"));
        var arn = (await sim.SendAsync(EcsAction.RunTask, new JsonObject
        {
            ["cluster"] = "default", ["taskDefinition"] = "plain", ["tags"] = EcsSamples.Tags((WorkloadBehavior.LogTag, "hello")),
        })).Arr("tasks").Objects().Single().Str("taskArn")!;

        var page = await sim.Cloud.Logs.GetLogEventsAsync("/ecs/plain", "ecs/app/" + arn.Split('/')[^1], null, true, CancellationToken.None);

        Assert.Equal(["hello"], page.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task The_same_client_token_returns_the_same_tasks_and_different_parameters_conflict()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").Build();
        await sim.RegisterAsync(EcsSamples.FargateTaskDefinition("once"));

        var first = (await sim.SendAsync(EcsAction.RunTask, FargateRun("once", clientToken: "job-uid-1"))).Arr("tasks").Objects().Single().Str("taskArn");
        var again = (await sim.SendAsync(EcsAction.RunTask, FargateRun("once", clientToken: "job-uid-1"))).Arr("tasks").Objects().Single().Str("taskArn");
        var e = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.RunTask, FargateRun("once", clientToken: "job-uid-1", startedBy: "someone-else")));

        Assert.Equal(first, again);
        Assert.Equal("ConflictException", e.Code);
        Assert.Single(await sim.Ecs.ListTasksAsync("default", CancellationToken.None, family: "once"));
    }

    [Fact]
    public async Task A_test_can_make_a_running_task_exit_and_a_start_failure_never_runs()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").Build();
        await sim.RegisterAsync(EcsSamples.FargateTaskDefinition("long"));
        sim.Control.SetFamilyWorkload("long", new WorkloadBehavior { RunForever = true });
        var arn = (await sim.SendAsync(EcsAction.RunTask, FargateRun("long"))).Arr("tasks").Objects().Single().Str("taskArn")!;
        sim.Advance(TimeSpan.FromHours(2));
        Assert.Equal("RUNNING", (await sim.TaskAsync("default", arn)).Str("lastStatus"));

        sim.Control.ExitTask("default", arn, 137);
        sim.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(137, (await sim.TaskAsync("default", arn)).Arr("containers").Objects().Single().Int("exitCode"));

        sim.Control.SetFamilyWorkload("long", new WorkloadBehavior { StartFailure = "CannotPullContainerError: pull image manifest has been retried 5 time(s)" });
        var bad = (await sim.SendAsync(EcsAction.RunTask, FargateRun("long"))).Arr("tasks").Objects().Single().Str("taskArn")!;
        sim.Advance(TimeSpan.FromMinutes(1));
        var t = await sim.TaskAsync("default", bad);
        Assert.Equal("TaskFailedToStart", t.Str("stopCode"));
        Assert.Null(t["startedAt"]);
        Assert.StartsWith("CannotPullContainerError", t.Str("stoppedReason"));
    }

    [Fact]
    public async Task Deleting_a_service_drains_it_then_makes_it_inactive()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default", instances: 2).Build();
        var td = await sim.RegisterAsync(EcsSamples.TaskDefinition("gone"));
        await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("default", "gone", td, 2));
        sim.Advance(TimeSpan.FromMinutes(1));

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.DeleteService, new JsonObject { ["cluster"] = "default", ["service"] = "gone" }));
        Assert.Equal("InvalidParameterException", e.Code);
        var deleted = (await sim.SendAsync(EcsAction.DeleteService, new JsonObject { ["cluster"] = "default", ["service"] = "gone", ["force"] = true })).Obj("service");
        Assert.Equal("DRAINING", deleted.Str("status"));

        sim.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("INACTIVE", (await sim.ServiceAsync("default", "gone")).Str("status"));
        Assert.Empty(await sim.Ecs.ListServicesAsync("default", CancellationToken.None));
        var update = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "default", ["service"] = "gone", ["desiredCount"] = 1 }));
        Assert.Equal("ServiceNotActiveException", update.Code);
    }
}
