using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.TestUtilities.Contracts;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Core.Tests.Controller;

public sealed class StartupOnlyOrphanFinderTests
{
    [Fact]
    public async Task A_task_of_a_job_deleted_while_no_operator_ran_is_found_on_the_first_pass_only()
    {
        using var dir = new TempStateDirectory();
        using var sim = new SimulatedCloudBuilder().WithCluster("default", instances: 1).Build();
        var store = new LocalResourceStore(dir.Paths, sim.Time);
        await sim.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, EcsSamples.TaskDefinition("batch"), default);
        var run = await sim.Ecs.SendAsync(EcsAction.RunTask, new JsonObject
        {
            ["cluster"] = "default",
            ["taskDefinition"] = "batch",
            ["tags"] = new JsonArray(
                new JsonObject { ["key"] = OperatorTags.Managed, ["value"] = "true" },
                new JsonObject { ["key"] = OperatorTags.Owner, ["value"] = "Job/default/gone" }),
        }, default);
        Assert.Single(run["tasks"]!.AsArray());
        sim.Advance(TimeSpan.FromSeconds(1));
        var finder = new StartupOnlyOrphanFinder(new JobOrphanFinder(sim.Ecs, store, new JobTaskTracker(sim.Ecs, sim.Time), ["default"]));

        Assert.Equal([ResourceKey.Parse("Job/default/gone")], await finder.FindOwnersAsync(default));
        Assert.Empty(await finder.FindOwnersAsync(default)); // later passes cost nothing; live reconciles handle deletions
    }
}
