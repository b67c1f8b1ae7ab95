using EcsOperator.Core.Aws;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Tests.Jobs;

/// <summary>A message whose delete was throttled comes back after its Job already ran and expired: it must not run again.</summary>
public sealed class JobIntakeRedeliveryTests : IDisposable
{
    private readonly JobWorld world = new();

    public void Dispose() => world.Dispose();

    [Fact]
    public async Task A_redelivered_message_whose_job_ran_and_expired_is_not_run_again()
    {
        await world.PutAppAsync();
        var queue = new ThrottledFirstDelete(world.Queue);
        var intake = new JobIntake(queue, world.Store, world.Store, world.Options, world.Time, NullLogger<JobIntake>.Instance);
        await world.Queue.SendAsync("""
            {"apiVersion": "ecs.operator/v1", "kind": "Job",
             "metadata": {"name": "once", "annotations": {"simulator.ecs.operator/run-seconds": "5"}},
             "spec": {"appRef": "web", "ttlSecondsAfterFinished": 0}}
            """, null, default);

        Assert.Equal([JobIntake.Outcome.Retry], await intake.ReceiveOnceAsync(default));
        var key = new ResourceKey(ResourceKind.Job, "default", "once");
        world.Track(key);
        await world.DriveAsync(async () => await world.Store.GetAsync(key, default) is null, TimeSpan.FromMinutes(2));
        Assert.Null(await world.Store.GetAsync(key, default));

        world.Time.Advance(TimeSpan.FromMinutes(6)); // the message's visibility timeout ends: it is delivered again
        Assert.Equal([JobIntake.Outcome.AlreadyAccepted], await intake.ReceiveOnceAsync(default));
        Assert.Empty(await intake.ReceiveOnceAsync(default));
        Assert.Null(await world.Store.GetAsync(key, default));
        var all = await world.Cloud.Ecs.ListTasksAsync(JobWorld.Cluster, default, desiredStatus: "STOPPED");
        var running = await world.Cloud.Ecs.ListTasksAsync(JobWorld.Cluster, default, desiredStatus: "RUNNING");
        Assert.Single(all.Concat(running));
    }

    /// <summary>The real local queue whose first DeleteMessage is throttled.</summary>
    private sealed class ThrottledFirstDelete(IJobQueue inner) : IJobQueue
    {
        private int deletes;

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int max, TimeSpan wait, CancellationToken ct) => inner.ReceiveAsync(max, wait, ct);

        public Task DeleteAsync(QueueMessage message, CancellationToken ct) =>
            Interlocked.Increment(ref deletes) == 1
                ? throw AwsApiException.From("ThrottlingException", "Rate exceeded")
                : inner.DeleteAsync(message, ct);

        public Task ExtendVisibilityAsync(QueueMessage message, TimeSpan visibility, CancellationToken ct) => inner.ExtendVisibilityAsync(message, visibility, ct);

        public Task<string> SendAsync(string body, IReadOnlyDictionary<string, string>? attributes, CancellationToken ct) => inner.SendAsync(body, attributes, ct);

        public Task DeadLetterAsync(QueueMessage message, string reason, CancellationToken ct) => inner.DeadLetterAsync(message, reason, ct);
    }
}
