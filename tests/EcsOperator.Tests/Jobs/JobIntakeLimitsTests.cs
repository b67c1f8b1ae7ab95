using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Tests.Jobs;

/// <summary>What the intake does with identical requests and with bodies ECS or the store could never take.</summary>
public sealed class JobIntakeLimitsTests : IDisposable
{
    private readonly JobWorld world = new();
    private readonly OperatorMetrics metrics = new();

    public void Dispose() => world.Dispose();

    private JobIntake Intake() => new(world.Queue, world.Store, world.Store, world.Options, world.Time, NullLogger<JobIntake>.Instance, metrics);

    [Fact]
    public async Task Five_byte_identical_bodies_naming_one_Job_make_one_Job_and_no_dead_letters()
    {
        await world.PutAppAsync();
        const string body = """
            {"apiVersion": "ecs.operator/v1", "kind": "Job", "metadata": {"name": "migrate"},
             "spec": {"appRef": "web", "command": ["rake", "db:migrate"]}}
            """;
        for (var i = 0; i < 5; i++) await world.Queue.SendAsync(body, null, default);

        var outcomes = new List<JobIntake.Outcome>();
        while (await Intake().ReceiveOnceAsync(default) is { Count: > 0 } batch) outcomes.AddRange(batch);

        Assert.Equal(1, outcomes.Count(o => o == JobIntake.Outcome.Accepted));
        Assert.Equal(4, outcomes.Count(o => o == JobIntake.Outcome.AlreadyAccepted));
        Assert.Empty(await world.Queue.ListDeadLettersAsync(default));
        Assert.NotNull(await world.Store.GetAsync(new ResourceKey(ResourceKind.Job, "default", "migrate"), default));
        Assert.Equal(4, metrics.QueueMessageCount("duplicate"));
        Assert.Equal(0, metrics.QueueMessageCount("dead_lettered"));
    }

    [Fact]
    public async Task A_different_body_under_an_existing_Job_name_is_still_dead_lettered()
    {
        await world.PutAppAsync();
        await world.Queue.SendAsync("""{"kind": "Job", "apiVersion": "ecs.operator/v1", "metadata": {"name": "m"}, "spec": {"appRef": "web", "command": ["a"]}}""", null, default);
        await world.Queue.SendAsync("""{"kind": "Job", "apiVersion": "ecs.operator/v1", "metadata": {"name": "m"}, "spec": {"appRef": "web", "command": ["b"]}}""", null, default);

        while (await Intake().ReceiveOnceAsync(default) is { Count: > 0 }) { }

        var dead = Assert.Single(await world.Queue.ListDeadLettersAsync(default));
        Assert.Contains("a different Job named Job/default/m already exists", dead.Attributes[QueueAttributes.DeadLetterReason]);
        Assert.Equal(1, metrics.QueueMessageCount("dead_lettered"));
    }

    [Fact]
    public async Task Environment_overrides_over_ECS_8_KiB_limit_are_dead_lettered_with_the_reason_not_launched()
    {
        await world.PutAppAsync();
        var big = new string('x', 20 * 1024); // over ECS's overrides limit, well under the document limit
        await world.Queue.SendAsync("{\"kind\": \"Job\", \"apiVersion\": \"ecs.operator/v1\", \"metadata\": {\"name\": \"big\"}, \"spec\": {\"appRef\": \"web\", \"environment\": {\"PAYLOAD\": \"" + big + "\"}}}", null, default);

        Assert.Equal([JobIntake.Outcome.DeadLettered], await Intake().ReceiveOnceAsync(default));

        var reason = Assert.Single(await world.Queue.ListDeadLettersAsync(default)).Attributes[QueueAttributes.DeadLetterReason];
        Assert.Contains("spec.environment", reason);
        Assert.Contains("ECS allows at most 8192", reason);
        Assert.Null(await world.Store.GetAsync(new ResourceKey(ResourceKind.Job, "default", "big"), default));
    }

    [Fact]
    public async Task A_body_over_the_document_limit_is_dead_lettered_before_it_is_parsed()
    {
        await world.PutAppAsync();
        var huge = "{\"kind\": \"Job\", \"apiVersion\": \"ecs.operator/v1\", \"metadata\": {\"name\": \"huge\", \"annotations\": {\"a\": \"" + new string('y', 500 * 1024) + "\"}}, \"spec\": {\"appRef\": \"web\"}}";
        await world.Queue.SendAsync(huge, null, default);

        Assert.Equal([JobIntake.Outcome.DeadLettered], await Intake().ReceiveOnceAsync(default));

        var reason = Assert.Single(await world.Queue.ListDeadLettersAsync(default)).Attributes[QueueAttributes.DeadLetterReason];
        Assert.Contains($"a Job document may have at most {ManifestLimits.MaxDocumentBytes}", reason);
    }
}
