using EcsOperator.Core.Aws;
using EcsOperator.Core.Jobs;

namespace EcsOperator.Tests.Jobs;

public sealed class JobTrackingTests
{
    [Fact]
    public async Task Running_jobs_are_watched_with_one_batched_describe_per_hundred_tasks_per_poll()
    {
        using var world = new JobWorld(instances: 5, instanceType: "m5.4xlarge");
        await world.PutAppAsync(memory: 128);
        var keys = new List<Core.Resources.ResourceKey>();
        for (var i = 0; i < 250; i++)
            keys.Add(await world.PutJobAsync($"batch-{i}", "{appRef: web}", """{"simulator.ecs.operator/run-seconds": "3600"}"""));
        foreach (var key in keys) await world.Jobs.ReconcileAsync(key, default);
        Assert.All(await Task.WhenAll(keys.Select(world.StateAsync)), s => Assert.Equal(JobPhases.Running, s!.Phase));

        for (var poll = 1; poll <= 3; poll++)
        {
            world.Time.Advance(world.Options.PollInterval);
            var before = world.Cloud.EcsCallCounts.GetValueOrDefault(EcsAction.DescribeTasks);
            foreach (var key in keys) await world.Jobs.ReconcileAsync(key, default);
            Assert.Equal(3, world.Cloud.EcsCallCounts.GetValueOrDefault(EcsAction.DescribeTasks) - before);
        }
        Assert.Equal(0, world.Cloud.EcsCallCounts.GetValueOrDefault(EcsAction.ListTasks));
    }
}
