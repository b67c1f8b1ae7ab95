using EcsOperator.Core.Jobs;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Resources;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Core.Tests.Jobs;

public sealed class JobIntakeTests : IDisposable
{
    private const string App = """
        apiVersion: ecs.operator/v1
        kind: App
        metadata: {name: web}
        spec:
          cluster: default
          taskDefinition:
            containerDefinitions: [{name: app, image: "rails:1", memory: 512}]
        """;

    private const string Rake = """
        apiVersion: ecs.operator/v1
        kind: Job
        spec:
          appRef: web
          command: [bundle, exec, rake, db:migrate]
        """;

    private readonly TempStateDirectory dir = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly LocalResourceStore store;
    private readonly LocalJobQueue queue;
    private readonly JobsOptions options = new() { QueueWait = TimeSpan.Zero };

    public JobIntakeTests()
    {
        store = new LocalResourceStore(dir.Paths, time);
        queue = new LocalJobQueue(dir.Paths, time);
    }

    public void Dispose() => dir.Dispose();

    private JobIntake Intake() => new(queue, store, store, options, time, NullLogger<JobIntake>.Instance);

    private Task PutAppAsync() => store.PutAsync(new ResourceKey(ResourceKind.App, "default", "web"), App, null, default);

    [Fact]
    public async Task A_message_becomes_a_job_then_leaves_the_queue()
    {
        await PutAppAsync();
        var id = await queue.SendAsync(Rake, null, default);
        Assert.Equal([JobIntake.Outcome.Accepted], await Intake().ReceiveOnceAsync(default));
        var job = Assert.Single(await store.ListAsync(ResourceKind.Job, null, default));
        Assert.Equal(QueuedJobParser.NameFor(id), job.Key.Name);
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.Zero, default));
    }

    [Fact]
    public async Task A_redelivered_message_after_a_crash_makes_no_second_job()
    {
        await PutAppAsync();
        var id = await queue.SendAsync(Rake, null, default);
        // The first delivery wrote the Job and "crashed" before deleting the message.
        var first = QueuedJobParser.Parse(Rake, id, "default");
        await store.PutAsync(first.Job!.Key, first.Manifest!, null, default);
        Assert.Equal([JobIntake.Outcome.AlreadyAccepted], await Intake().ReceiveOnceAsync(default));
        Assert.Single(await store.ListAsync(ResourceKind.Job, null, default));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.Zero, default));
    }

    [Fact]
    public async Task Poison_messages_are_dead_lettered_with_reasons_and_events()
    {
        await PutAppAsync();
        options.AllowedQueueNamespaces = ["default"];
        var bodies = new Dictionary<string, string>
        {
            ["{{{"] = "",
            ["apiVersion: ecs.operator/v1\nkind: Job\nspec:\n  cluster: c\n  taskDefinition: {containerDefinitions: [{name: x, image: evil}]}"] = "appRef",
            ["apiVersion: ecs.operator/v1\nkind: Job\nmetadata: {name: x, namespace: prod}\nspec: {appRef: web}"] = "namespace prod",
            ["apiVersion: ecs.operator/v1\nkind: Job\nspec: {appRef: nope}"] = "App nope does not exist",
            ["apiVersion: ecs.operator/v1\nkind: App\nmetadata: {name: x}\nspec: {}"] = "only Job documents",
        };
        foreach (var body in bodies.Keys) await queue.SendAsync(body, null, default);
        var outcomes = await Intake().ReceiveOnceAsync(default);
        Assert.All(outcomes, o => Assert.Equal(JobIntake.Outcome.DeadLettered, o));
        Assert.Equal(bodies.Count, outcomes.Count);
        Assert.Empty(await store.ListAsync(ResourceKind.Job, null, default));
        var dead = await queue.ListDeadLettersAsync(default);
        Assert.Equal(bodies.Count, dead.Count);
        foreach (var (body, expected) in bodies)
        {
            var reason = dead.Single(d => d.Body == body).Attributes[QueueAttributes.DeadLetterReason];
            Assert.Contains(expected, reason, StringComparison.Ordinal);
        }
        var events = await store.ListAsync(null, default);
        Assert.Equal(bodies.Count, events.Count(e => e.Reason == "Rejected"));
    }

    [Fact]
    public async Task Inline_task_definitions_pass_when_allowed()
    {
        options.AllowInlineTaskDefinitionsFromQueue = true;
        await queue.SendAsync("apiVersion: ecs.operator/v1\nkind: Job\nspec:\n  cluster: c\n  taskDefinition: {containerDefinitions: [{name: x, image: ok, memory: 128}]}", null, default);
        Assert.Equal([JobIntake.Outcome.Accepted], await Intake().ReceiveOnceAsync(default));
    }
}
