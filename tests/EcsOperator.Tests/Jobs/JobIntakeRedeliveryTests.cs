using EcsOperator.Core.Aws;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
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

    [Fact]
    public async Task A_crash_between_writing_the_job_and_its_accepted_event_still_runs_it_once()
    {
        await world.PutAppAsync();
        var intake = new JobIntake(world.Queue, world.Store, new CrashOnFirstEvent(world.Store), world.Options, world.Time, NullLogger<JobIntake>.Instance);
        var id = await world.Queue.SendAsync("""
            {"apiVersion": "ecs.operator/v1", "kind": "Job", "metadata": {"annotations": {"simulator.ecs.operator/run-seconds": "5"}},
             "spec": {"appRef": "web", "ttlSecondsAfterFinished": 0}}
            """, null, default);

        Assert.Equal([JobIntake.Outcome.Retry], await intake.ReceiveOnceAsync(default));
        var key = new ResourceKey(ResourceKind.Job, "default", QueuedJobParser.NameFor(id));
        world.Track(key);
        await world.DriveAsync(async () => await world.Store.GetAsync(key, default) is null, TimeSpan.FromMinutes(2));
        Assert.Null(await world.Store.GetAsync(key, default));

        world.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal([JobIntake.Outcome.AlreadyAccepted], await intake.ReceiveOnceAsync(default));
        Assert.Null(await world.Store.GetAsync(key, default));
        var stopped = await world.Cloud.Ecs.ListTasksAsync(JobWorld.Cluster, default, desiredStatus: "STOPPED");
        Assert.Single(stopped);
    }

    /// <summary>The real event store, seen by a process that dies on its first event write.</summary>
    private sealed class CrashOnFirstEvent(IEventStore inner) : IEventStore
    {
        private int writes;

        public Task RecordAsync(ResourceKey key, ResourceEvent evt, CancellationToken ct) =>
            Interlocked.Increment(ref writes) == 1 ? throw new SimulatedCrashException() : inner.RecordAsync(key, evt, ct);

        public Task<IReadOnlyList<ResourceEvent>> ListAsync(ResourceKey? key, CancellationToken ct) => inner.ListAsync(key, ct);
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
