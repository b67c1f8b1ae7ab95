using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Simulator.Tests.Persistence;

/// <summary>A confirmed mutating call is in the state file when it returns: a process killed at that instant (no
/// debounce, no dispose) loses nothing. The fake clock never moves, so only write-through can have saved it.</summary>
public sealed class WriteThroughTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sim-wt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Every_task_a_RunTask_confirmed_is_found_by_a_simulator_started_after_a_crash()
    {
        var time = new FakeTimeProvider(SimulatedCloudBuilder.DefaultStart);
        using var sim = new SimulatedCloudBuilder().WithTime(time).WithStateDirectory(_dir).WithCluster("c", instances: 2).Build();
        await sim.RegisterAsync(EcsSamples.TaskDefinition("job"));
        sim.Cloud.Flush();

        // Many callers at once share saves; each still returns only after its own task is saved.
        var arns = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            var resp = await sim.SendAsync(EcsAction.RunTask, new JsonObject
            {
                ["cluster"] = "c", ["taskDefinition"] = "job", ["startedBy"] = "job-" + i, ["clientToken"] = "token-" + i,
            });
            return resp.Arr("tasks").Objects().Single().Str("taskArn")!;
        }));

        // Not disposed yet: as after kill -9, only what is on disk survives.
        using var restarted = new SimulatedCloud(new SimulatorOptions { StateDirectory = _dir, ThrottlingEnabled = false }, time);
        var found = await restarted.Ecs.ListTasksAsync("c", CancellationToken.None);
        Assert.Equal(arns.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));

        // The clientToken survives too: a retry after the crash returns the same task instead of a second one.
        var retry = await restarted.Ecs.SendAsync(EcsAction.RunTask, new JsonObject
        {
            ["cluster"] = "c", ["taskDefinition"] = "job", ["startedBy"] = "job-7", ["clientToken"] = "token-7",
        }, CancellationToken.None);
        Assert.Equal(arns[7], retry.Arr("tasks").Objects().Single().Str("taskArn"));
    }

    [Fact]
    public async Task A_registered_revision_survives_a_crash_so_the_next_one_is_not_a_duplicate_number()
    {
        var time = new FakeTimeProvider(SimulatedCloudBuilder.DefaultStart);
        using var sim = new SimulatedCloudBuilder().WithTime(time).WithStateDirectory(_dir).WithCluster("c").Build();
        Assert.EndsWith(":1", await sim.RegisterAsync(EcsSamples.TaskDefinition("web")));

        using var restarted = new SimulatedCloud(new SimulatorOptions { StateDirectory = _dir, ThrottlingEnabled = false }, time);
        var again = await restarted.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, EcsSamples.TaskDefinition("web"), CancellationToken.None);
        Assert.EndsWith(":2", again.Obj("taskDefinition")!.Str("taskDefinitionArn"));
    }
}
