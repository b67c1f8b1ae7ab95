using EcsOperator.Core.Aws;
using EcsOperator.Core.Jobs;

namespace EcsOperator.Tests.Jobs;

/// <summary>The operator is away longer than ECS remembers stopped tasks: the run's outcome is unknown, and the Job is
/// not run a second time.</summary>
public sealed class JobOperatorDowntimeTests : IDisposable
{
    private readonly JobWorld world = new();

    public void Dispose() => world.Dispose();

    [Fact]
    public async Task A_run_that_ended_during_a_long_outage_is_not_run_again()
    {
        await world.PutAppAsync();
        var key = await world.PutJobAsync("migrate", "{appRef: web, backoffLimit: 3}", """{"simulator.ecs.operator/run-seconds": "600"}""");
        await world.DriveAsync(async () => (await world.StateAsync(key))?.Phase == JobPhases.Running, TimeSpan.FromMinutes(5));

        // The operator is down for three hours: the task finishes, and ECS forgets it an hour later.
        for (var i = 0; i < 180; i++)
        {
            world.Time.Advance(TimeSpan.FromMinutes(1));
            world.Cloud.Advance();
        }
        world.Rebuild();
        world.Track(key);
        await world.DriveUntilFinishedAsync(key);

        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Failed, s.Phase);
        Assert.Equal(JobReasons.TaskMissing, s.Reason);
        Assert.Single(s.TaskArns);
        var tasks = await world.Cloud.Ecs.ListTasksAsync(JobWorld.Cluster, default, desiredStatus: "RUNNING");
        Assert.Empty(tasks);
    }
}
