using System.Text.Json.Nodes;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Core.Tests.Apps;

/// <summary>One owner per task-definition family: the first App to claim it in the store wins, a second App naming it is
/// Degraded/FamilyConflict naming the owner (never a race), the claim is released when the owner's deletion finishes,
/// and revisions a deleted App left behind (Retain) are taken over only with the adopt annotation.</summary>
public sealed class AppFamilyTests : IDisposable
{
    private readonly AppHarness h = new();

    public void Dispose() => h.Dispose();

    private static string OnShared(string name, string extraMeta = "", string extraSpec = "") =>
        AppHarness.App(name, extraMeta: extraMeta, extraSpec: extraSpec).Replace("  taskDefinition:\n", "  taskDefinition:\n    family: shared\n", StringComparison.Ordinal);

    private async Task<IReadOnlyList<string?>> RevisionOwnersAsync()
    {
        var owners = new List<string?>();
        foreach (var arn in await h.RevisionsAsync("shared"))
        {
            var resp = await h.Cloud.Ecs.SendAsync(EcsAction.DescribeTaskDefinition, new JsonObject { ["taskDefinition"] = arn, ["include"] = new JsonArray("TAGS") }, default);
            owners.Add(AppTags.Owner(AppTags.Read(resp.Arr("tags"))));
        }
        return owners;
    }

    [Fact]
    public async Task Two_apps_reconciled_concurrently_never_both_register_one_owns_and_the_other_names_it()
    {
        for (var round = 0; round < 30; round++)
        {
            using var world = new AppHarness();
            await world.ApplyAsync("a", OnShared("a"));
            await world.ApplyAsync("b", OnShared("b"));
            // Every ECS call yields, so the two reconciles interleave between listing the family and registering.
            var ecs = new YieldingEcsApi(world.Ecs);
            var reconciler = new AppReconciler(world.Store, world.Store, world.Store, ecs, new ServiceSnapshotCache(ecs, world.Time, TimeSpan.FromSeconds(2)),
                new TaskDefinitionCache(ecs), world.Informer, new NoPreDeployHooks(), world.Options, world.Time, NullLogger<AppReconciler>.Instance);
            await Task.WhenAll(
                Task.Run(() => reconciler.ReconcileAsync(AppHarness.Key("a"), default)),
                Task.Run(() => reconciler.ReconcileAsync(AppHarness.Key("b"), default)));

            var reasons = new Dictionary<string, string?>
            {
                ["a"] = AppHarness.Condition(await world.StatusAsync("a"), "Degraded", "reason"),
                ["b"] = AppHarness.Condition(await world.StatusAsync("b"), "Degraded", "reason"),
            };
            var loser = Assert.Single(reasons, r => r.Value == "FamilyConflict").Key;
            var winner = loser == "a" ? "b" : "a";
            var message = AppHarness.Condition(await world.StatusAsync(loser), "Degraded", "message");
            Assert.Contains($"task definition family shared is owned by App/default/{winner}", message, StringComparison.Ordinal);
            var owners = new List<string?>();
            foreach (var arn in await world.RevisionsAsync("shared"))
            {
                var resp = await world.Cloud.Ecs.SendAsync(EcsAction.DescribeTaskDefinition, new JsonObject { ["taskDefinition"] = arn, ["include"] = new JsonArray("TAGS") }, default);
                owners.Add(AppTags.Owner(AppTags.Read(resp.Arr("tags"))));
            }
            Assert.Equal([$"App/default/{winner}"], owners);
            Assert.Null(await world.ServiceAsync(loser));
        }
    }

    [Fact]
    public async Task The_first_claim_wins_the_second_app_is_a_family_conflict_and_is_freed_when_the_owner_is_deleted()
    {
        await h.ApplyAsync("a", OnShared("a"));
        await h.ConvergeAsync("a");
        await h.ApplyAsync("b", OnShared("b"));
        await h.ConvergeAsync("b", maxSteps: 3);
        var status = await h.StatusAsync("b");
        Assert.Equal(("True", "FamilyConflict"), (AppHarness.Condition(status, "Degraded"), AppHarness.Condition(status, "Degraded", "reason")));
        Assert.Contains("task definition family shared is owned by App/default/a", AppHarness.Condition(status, "Degraded", "message"), StringComparison.Ordinal);
        Assert.Contains("FamilyConflict", await h.EventReasonsAsync("b"));
        Assert.Equal(["App/default/a"], await RevisionOwnersAsync());

        await h.DeleteAsync("a");
        await h.ConvergeAsync("a");
        await h.ConvergeAsync("b");
        Assert.Equal("True", AppHarness.Condition(await h.StatusAsync("b"), "Available"));
        Assert.Equal(["App/default/b"], await RevisionOwnersAsync());
    }

    [Fact]
    public async Task Revisions_a_retained_app_left_are_taken_over_only_with_the_adopt_annotation()
    {
        await h.ApplyAsync("a", OnShared("a", extraSpec: "  deletionPolicy: Retain"));
        await h.ConvergeAsync("a");
        await h.DeleteAsync("a");
        await h.ConvergeAsync("a");

        await h.ApplyAsync("b", OnShared("b"));
        await h.ConvergeAsync("b", maxSteps: 3);
        var message = AppHarness.Condition(await h.StatusAsync("b"), "Degraded", "message");
        Assert.Equal("FamilyConflict", AppHarness.Condition(await h.StatusAsync("b"), "Degraded", "reason"));
        Assert.StartsWith("task definition family shared has revisions App/default/b did not register (owner: App/default/a)", message, StringComparison.Ordinal);
        Assert.Contains("ecs.operator/adopt", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Service", message, StringComparison.Ordinal);

        await h.ApplyAsync("b", OnShared("b", extraMeta: "  annotations:\n    ecs.operator/adopt: \"true\""));
        await h.ConvergeAsync("b");
        Assert.Equal("True", AppHarness.Condition(await h.StatusAsync("b"), "Available"));
        Assert.Contains("App/default/b", await RevisionOwnersAsync());
    }

    [Fact]
    public async Task An_app_that_moves_to_another_family_leaves_its_old_family_to_the_next_claimant()
    {
        await h.ApplyAsync("a", OnShared("a"));
        await h.ConvergeAsync("a");
        await h.ApplyAsync("a", AppHarness.App("a")); // back to the default family, its own name
        await h.ConvergeAsync("a");
        await h.ApplyAsync("b", OnShared("b", extraMeta: "  annotations:\n    ecs.operator/adopt: \"true\""));
        await h.ConvergeAsync("b");
        Assert.Equal("True", AppHarness.Condition(await h.StatusAsync("b"), "Available"));
    }

    /// <summary>Yields before and after every call, as a real network client does, so concurrent reconciles interleave.</summary>
    private sealed class YieldingEcsApi(IEcsApi inner) : IEcsApi
    {
        public async Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
        {
            await Task.Delay(Random.Shared.Next(0, 3), ct);
            var response = await inner.SendAsync(action, request, ct);
            await Task.Yield();
            return response;
        }
    }
}
