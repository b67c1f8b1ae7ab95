using EcsOperator.Core.Jobs;
using EcsOperator.Core.Resources;

namespace EcsOperator.Tests.Jobs;

/// <summary>Kill the operator right after every side effect of a Job's life, start a new one, and check that no
/// attempt was launched twice and the Job still ends the same.</summary>
public sealed class JobCrashTests
{
    [Theory]
    [InlineData("{appRef: web}", 0, JobPhases.Succeeded, 1)]
    [InlineData("{appRef: web, backoffLimit: 1}", 3, JobPhases.Failed, 2)]
    // The Job's container is not essential: the operator stops the task itself (a crash right after that StopTask
    // must still read the run as the container's exit, not as a user's stop).
    [InlineData("{appRef: web, container: sidecar}", 0, JobPhases.Succeeded, 1)]
    [InlineData("{appRef: web, container: sidecar, backoffLimit: 1}", 3, JobPhases.Failed, 2)]
    [InlineData("{cluster: default, taskDefinition: {containerDefinitions: [{name: main, image: busybox, memory: 128}]}}", 0, JobPhases.Succeeded, 1)]
    public async Task A_crash_after_any_step_never_launches_an_attempt_twice(string spec, int exit, string phase, int runs)
    {
        var crashes = 0;
        for (var after = 1; after < 200; after++)
        {
            using var world = new JobWorld();
            await world.PutAppAsync();
            var crash = new CrashPoint(after);
            world.Rebuild(new CrashingStore(world.Store, crash), new CrashingEcs(world.Cloud.Ecs, crash));
            var key = await world.PutJobAsync("migrate", spec,
                $$"""{"simulator.ecs.operator/exit-code": "{{exit}}", "simulator.ecs.operator/run-seconds": "20"}""");
            try
            {
                await world.DriveUntilFinishedAsync(key);
            }
            catch (SimulatedCrashException)
            {
                crashes++;
            }
            if (!crash.Fired) break;
            world.Rebuild();
            world.Track(key);
            await world.DriveUntilFinishedAsync(key);

            var s = (await world.StateAsync(key))!;
            Assert.Equal(phase, s.Phase);
            Assert.Equal(runs, s.TaskArns.Count());
            for (var run = 1; run <= runs; run++)
            {
                var tasks = await world.TasksStartedByAsync(JobTokens.StartedBy(key, s.Uid, run));
                Assert.True(tasks.Count == 1, $"crash after step {after}: run {run} has {tasks.Count} tasks");
            }
            if (spec.Contains("taskDefinition", StringComparison.Ordinal))
                Assert.Single(await Core.Aws.EcsApiExtensions.ListTaskDefinitionsAsync(world.Cloud.Ecs, "job-default-migrate", null, default));
        }
        Assert.True(crashes >= 5, $"only {crashes} crash points exercised");
    }
}
