using System.Text.Json.Nodes;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Resources;
using EcsOperator.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecsctl.Tests;

/// <summary><c>ecsctl get orphans</c> in local mode: an App converged by the reconciler against the simulator, then
/// its item removed with a raw delete (no deletion mark), leaves its service and task definition listed as orphans; a
/// running task tagged for a Job that is not in the store is listed too.</summary>
public sealed class OrphanListingTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string App(string name) => $$"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: {{name}}
        spec:
          cluster: default
          replicas: 1
          taskDefinition:
            cpu: "256"
            memory: "512"
            containerDefinitions:
              - name: web
                image: nginx:1
                essential: true
        """;

    private Task ConvergeAsync(params string[] names) => ConvergeWithJobTaskAsync(null, names);

    /// <summary>Reconciles the Apps against the simulator; with <paramref name="jobOwner"/>, also runs one task tagged as
    /// that Job's (as the Job reconciler tags it) from the first App's task definition.</summary>
    private Task ConvergeWithJobTaskAsync(string? jobOwner, params string[] names) => ConvergeUnderAsync(null, jobOwner, names);

    /// <summary>As above, by an operator that tags what it creates with store epoch <paramref name="epoch"/>.</summary>
    private async Task ConvergeUnderAsync(string? epoch, string? jobOwner, params string[] names)
    {
        using var cloud = new SimulatedCloud(new SimulatorOptions { StateDirectory = _cli.Paths.Simulator, ThrottlingEnabled = false }, _cli.Time);
        cloud.Control.EnsureDefaultCluster();
        var store = _cli.Store;
        var reconciler = new AppReconciler(store, store, store, cloud.Ecs, new ServiceSnapshotCache(cloud.Ecs, _cli.Time, TimeSpan.FromSeconds(5)),
            new TaskDefinitionCache(cloud.Ecs), new ResourceInformer(store, _cli.Time, TimeSpan.FromMinutes(5), NullLogger.Instance),
            new NoPreDeployHooks(), new AppReconcilerOptions { StoreEpoch = epoch }, _cli.Time, NullLogger<AppReconciler>.Instance);
        foreach (var name in names) await reconciler.ReconcileAsync(new ResourceKey(ResourceKind.App, "default", name), CancellationToken.None);
        Assert.Equal(names.Length, cloud.Control.Snapshot().Services.Count(s => s.Status == "ACTIVE" && names.Contains(s.Name)));
        if (jobOwner is not null)
        {
            var family = cloud.Control.Snapshot().RevisionsByFamily.Keys.First();
            await cloud.Ecs.SendAsync(EcsAction.RunTask, new JsonObject
            {
                ["cluster"] = "default", ["taskDefinition"] = family, ["startedBy"] = "ecs-operator-job",
                ["tags"] = new JsonArray(
                    new JsonObject { ["key"] = OperatorTags.Managed, ["value"] = "true" },
                    new JsonObject { ["key"] = OperatorTags.Owner, ["value"] = jobOwner }),
            }, CancellationToken.None);
        }
        cloud.Flush();
    }

    [Fact]
    public async Task An_App_removed_by_a_raw_delete_leaves_its_service_and_task_definition_listed()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", _cli.WriteFile("web.yaml", App("web")))).Exit);
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", _cli.WriteFile("api.yaml", App("api")))).Exit);
        await ConvergeWithJobTaskAsync("Job/default/migrate", "web", "api");

        var store = _cli.Store;
        Assert.True(await store.DeleteAsync(new ResourceKey(ResourceKind.App, "default", "web"), null, CancellationToken.None));
        _cli.Time.Advance(TimeSpan.FromMinutes(3));

        var result = await _cli.RunAsync("get", "orphans");
        Assert.True(result.Exit == 0, result.ToString());
        Assert.Matches(@"^KIND\s+OWNER\s+CLUSTER\s+NAME\s+AGE\s+EPOCH$", result.OutLines[0]);
        // Sorted by owner: the App's service and task definition, then the Job's running task (the Job was never in the
        // store); the services' own tasks are not listed.
        Assert.Equal(4, result.OutLines.Count);
        Assert.Matches(@"^service\s+App/default/web\s+default\s+web\s+3m\s+-$", result.OutLines[1]);
        Assert.Matches(@"^taskdefinition\s+App/default/web\s+-\s+\S+:1\s+3m\s+-$", result.OutLines[2]);
        Assert.Matches(@"^task\s+Job/default/migrate\s+default\s+[0-9a-f]+\s+3m\s+-$", result.OutLines[3]);
        Assert.DoesNotContain("App/default/api", result.Out, StringComparison.Ordinal);

        var json = await _cli.RunAsync("get", "orphans", "-o", "json");
        Assert.True(json.Exit == 0, json.ToString());
        Assert.Contains("\"owner\": \"App/default/web\"", json.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_marked_App_is_not_an_orphan_and_without_live_state_the_command_says_so()
    {
        var empty = await _cli.RunAsync("get", "orphans");
        Assert.Equal(1, empty.Exit);
        Assert.Contains("no live state", empty.Err, StringComparison.Ordinal);

        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", _cli.WriteFile("web.yaml", App("web")))).Exit);
        await ConvergeAsync("web");
        var none = await _cli.RunAsync("get", "orphans");
        Assert.True(none.Exit == 0, none.ToString());
        Assert.Equal("", none.Out);
        Assert.Contains("No orphans found.", none.Err, StringComparison.Ordinal);

        Assert.True(await _cli.Store.MarkForDeletionAsync(new ResourceKey(ResourceKind.App, "default", "web"), CancellationToken.None));
        var result = await _cli.RunAsync("get", "orphans");
        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Orphans_show_the_store_epoch_they_were_made_under_and_whether_it_is_another_store()
    {
        var ours = await _cli.Store.EnsureEpochAsync(CancellationToken.None);
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", _cli.WriteFile("web.yaml", App("web")))).Exit);
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", _cli.WriteFile("api.yaml", App("api")))).Exit);
        await ConvergeUnderAsync("0ld0000000000000", null, "web");
        await ConvergeUnderAsync(ours, null, "api");
        foreach (var name in new[] { "web", "api" })
            Assert.True(await _cli.Store.DeleteAsync(new ResourceKey(ResourceKind.App, "default", name), null, CancellationToken.None));

        var result = await _cli.RunAsync("get", "orphans");
        Assert.True(result.Exit == 0, result.ToString());
        Assert.Matches($@"^service\s+App/default/api\s+default\s+api\s+\S+\s+{ours}$", result.OutLines.Single(l => l.StartsWith("service ", StringComparison.Ordinal) && l.Contains("/api", StringComparison.Ordinal)));
        Assert.Matches(@"^service\s+App/default/web\s+default\s+web\s+\S+\s+0ld0000000000000 \(other store\)$", result.OutLines.Single(l => l.StartsWith("service ", StringComparison.Ordinal) && l.Contains("/web", StringComparison.Ordinal)));
        var json = await _cli.RunAsync("get", "orphans", "-o", "json");
        Assert.Contains("\"storeEpoch\": \"0ld0000000000000\"", json.Out, StringComparison.Ordinal);
        Assert.Contains("\"otherStore\": true", json.Out, StringComparison.Ordinal);
    }
}
