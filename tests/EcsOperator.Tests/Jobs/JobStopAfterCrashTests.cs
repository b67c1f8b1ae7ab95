using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Tests.Jobs;

/// <summary>A crash right after RunTask leaves a task the status does not name; stopping the Job (by request or deadline)
/// still stops that task instead of leaving it running behind a Failed Job.</summary>
public sealed class JobStopAfterCrashTests : IDisposable
{
    private readonly JobWorld world = new();

    public void Dispose() => world.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_task_launched_just_before_a_crash_is_stopped_with_the_job(bool byDeadline)
    {
        await world.PutAppAsync();
        var spec = byDeadline ? "{appRef: web, timeoutSeconds: 60}" : "{appRef: web}";
        var key = await world.PutJobAsync("orphan", spec, """{"simulator.ecs.operator/run-seconds": "3600"}""");
        world.Rebuild(ecs: new CrashAfterRunTask(world.Cloud.Ecs));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => world.ReconcileAsync(key));
        var launched = Assert.Single(await world.Cloud.Ecs.ListTasksAsync(JobWorld.Cluster, default, desiredStatus: "RUNNING"));
        Assert.Null((await world.StateAsync(key))!.Current);

        world.Rebuild();
        if (byDeadline) world.Time.Advance(TimeSpan.FromSeconds(61));
        else
        {
            var stored = (await world.Store.GetAsync(key, default))!;
            await world.Store.PutAsync(key, stored.Manifest.Replace("annotations: {", "annotations: {\"ecs.operator/stop\": \"Ctrl-C\", ", StringComparison.Ordinal), stored.Version, default);
        }
        await world.ReconcileAsync(key);

        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Failed, s.Phase);
        Assert.Equal(byDeadline ? JobReasons.DeadlineExceeded : JobReasons.Stopped, s.Reason);
        world.Time.Advance(TimeSpan.FromSeconds(30));
        world.Cloud.Advance();
        var (tasks, _) = await world.Cloud.Ecs.DescribeTasksAsync(JobWorld.Cluster, [launched], default);
        Assert.Equal("STOPPED", tasks.Single().Str("lastStatus"));
    }

    /// <summary>The simulator, seen by a process that dies the moment its RunTask has taken effect.</summary>
    private sealed class CrashAfterRunTask(IEcsApi inner) : IEcsApi
    {
        public async Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
        {
            var result = await inner.SendAsync(action, request, ct);
            if (action == EcsAction.RunTask) throw new SimulatedCrashException();
            return result;
        }
    }
}
