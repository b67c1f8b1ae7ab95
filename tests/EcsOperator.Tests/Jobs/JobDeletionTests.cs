using System.Text.Json.Nodes;
using Ecsctl;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Tests.Jobs;

/// <summary>Deleting a Job stops its running task: level-triggered, from the reconcile of the vanished key.</summary>
public sealed class JobDeletionTests : IDisposable
{
    private const string LongRun = """{"simulator.ecs.operator/run-seconds": "3600"}""";

    private readonly JobWorld world = new(persistSimulator: true);

    public void Dispose() => world.Dispose();

    private async Task<(ResourceKey Key, string Arn)> RunningJobAsync(string name)
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync(name, "{appRef: web}", LongRun);
        await world.DriveAsync(async () => (await world.StateAsync(key))?.Phase == JobPhases.Running, TimeSpan.FromMinutes(5));
        return (key, (await world.StateAsync(key))!.TaskArns.Single());
    }

    private async Task<JsonObject> TaskAsync(string arn)
    {
        world.Time.Advance(TimeSpan.FromSeconds(30));
        world.Cloud.Advance();
        var (tasks, _) = await world.Cloud.Ecs.DescribeTasksAsync(JobWorld.Cluster, [arn], default);
        return tasks.Single();
    }

    [Fact]
    public async Task Ecsctl_delete_of_a_running_job_stops_its_task_with_a_reason_naming_the_job()
    {
        var (key, arn) = await RunningJobAsync("sleepy");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await EcsctlProgram.MainAsync(["--state-dir", world.Root, "delete", "job/sleepy"], TextReader.Null, stdout, stderr, world.Time, default);
        Assert.True(code == 0, stderr.ToString());
        Assert.True((await world.Store.GetAsync(key, default))!.IsMarkedForDeletion);   // marked; the operator removes it

        var result = await world.ReconcileAsync(key);

        Assert.Null(result.RequeueAfter);
        Assert.Null(await world.Store.GetAsync(key, default));
        var task = await TaskAsync(arn);
        Assert.Equal("STOPPED", task.Str("lastStatus"));
        Assert.Contains("Job default/sleepy was deleted", task.Str("stoppedReason"), StringComparison.Ordinal);
        Assert.Contains(await world.EventsAsync(key), e => e.Reason == JobReasons.Deleted && e.Message.Contains(arn, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_deleted_while_the_operator_was_down_is_found_by_its_owner_tag_and_stopped()
    {
        var (key, arn) = await RunningJobAsync("nightly");
        Assert.True(await world.Store.DeleteAsync(key, null, default));
        world.Rebuild();
        // The new process knows nothing of the task: the vanished key alone finds nothing to stop...
        await world.ReconcileAsync(key);
        Assert.Equal("RUNNING", (await TaskAsync(arn)).Str("lastStatus"));

        // ...but the orphan finder run after each resync names the Job by the task's owner tag.
        var finder = new JobOrphanFinder(world.Cloud.Ecs, world.Store, world.Tracker);
        var owners = await finder.FindOwnersAsync(default);
        Assert.Contains(key, owners);
        await world.ReconcileAsync(key);

        var task = await TaskAsync(arn);
        Assert.Equal("STOPPED", task.Str("lastStatus"));
        Assert.Contains("Job default/nightly was deleted", task.Str("stoppedReason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_deleted_while_its_run_task_was_in_flight_has_that_task_stopped()
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync("racy", "{appRef: web}", LongRun);
        world.Rebuild(ecs: new DeleteOnRunTask(world.Cloud.Ecs, () => world.Store.DeleteAsync(key, null, default)));

        var launch = await world.ReconcileAsync(key); // creates the status
        while (launch.RequeueAfter is not null && await world.Store.GetAsync(key, default) is not null) launch = await world.ReconcileAsync(key);
        Assert.Null(await world.Store.GetAsync(key, default));
        Assert.NotNull(launch.RequeueAfter);
        await world.ReconcileAsync(key);

        var running = await world.Cloud.Ecs.ListTasksAsync(JobWorld.Cluster, default, desiredStatus: "RUNNING");
        var all = await world.Cloud.Ecs.ListTasksAsync(JobWorld.Cluster, default, desiredStatus: "STOPPED");
        Assert.Empty(running);
        Assert.Single(all);
    }

    [Fact]
    public async Task A_finished_job_is_simply_gone()
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync("done", "{appRef: web}", """{"simulator.ecs.operator/run-seconds": "5"}""");
        await world.DriveUntilFinishedAsync(key);
        Assert.True(await world.Store.DeleteAsync(key, null, default));

        Assert.Null((await world.ReconcileAsync(key)).RequeueAfter);
        Assert.DoesNotContain(await world.EventsAsync(key), e => e.Reason == JobReasons.Deleted);
    }

    [Fact]
    public async Task A_job_recreated_under_the_same_name_stops_its_deleted_predecessors_task_and_runs_its_own()
    {
        var (key, arn) = await RunningJobAsync("again");
        Assert.True(await world.Store.DeleteAsync(key, null, default));
        await world.PutJobAsync("again", "{appRef: web}", """{"simulator.ecs.operator/run-seconds": "5"}""");
        await world.DriveUntilFinishedAsync(key);

        Assert.Equal("STOPPED", (await TaskAsync(arn)).Str("lastStatus"));
        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Succeeded, s.Phase);
        Assert.DoesNotContain(arn, s.TaskArns);
    }

    /// <summary>The real simulator, but the Job is deleted the moment RunTask has started its task.</summary>
    private sealed class DeleteOnRunTask(IEcsApi inner, Func<Task<bool>> delete) : IEcsApi
    {
        public async Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
        {
            var result = await inner.SendAsync(action, request, ct);
            if (action == EcsAction.RunTask) await delete();
            return result;
        }
    }
}
