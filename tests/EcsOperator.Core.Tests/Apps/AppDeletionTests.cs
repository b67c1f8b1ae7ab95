using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Tests.Apps;

public sealed class AppDeletionTests : IDisposable
{
    private readonly AppHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Deleting_an_app_scales_down_deletes_the_service_and_deregisters_its_revisions()
    {
        await h.ApplyAsync("web", AppHarness.App("web"));
        await h.ConvergeAsync("web");
        await h.DeleteAsync("web");
        Assert.Null((await h.ReconcileAsync("web")).RequeueAfter);
        h.Step(TimeSpan.FromSeconds(10));
        Assert.Null(await h.ServiceAsync("web"));
        Assert.Empty(await h.RevisionsAsync("web"));
        Assert.Contains("ServiceDeleted", await h.EventReasonsAsync("web"));
    }

    [Fact]
    public async Task A_retained_app_leaves_its_service_running_and_unmanaged()
    {
        await h.ApplyAsync("web", AppHarness.App("web", extraSpec: "  deletionPolicy: Retain"));
        await h.ConvergeAsync("web");
        await h.DeleteAsync("web");
        await h.ReconcileAsync("web");
        var svc = await h.ServiceAsync("web");
        Assert.NotNull(svc);
        Assert.Equal(2, svc.Int("desiredCount"));
        Assert.Equal("false", EcsOperator.Core.Apps.AppTags.Read(svc.Arr("tags"))[OperatorTags.Managed]);
    }

    [Fact]
    public async Task Apps_missing_from_the_store_are_orphans_reported_and_left_alone_even_all_three_of_a_cluster()
    {
        var names = new[] { "app1", "app2", "app3" };
        foreach (var n in names)
        {
            await h.ApplyAsync(n, AppHarness.App(n, replicas: 1));
            await h.ConvergeAsync(n);
        }
        var before = h.MutatingCalls();
        foreach (var n in names) await h.RemoveAsync(n);   // the table comes back empty
        h.Services.ExpireAll();
        foreach (var n in names)
        {
            Assert.Null((await h.ReconcileAsync(n)).RequeueAfter);
            h.Step(TimeSpan.FromSeconds(10));
            Assert.NotNull(await h.ServiceAsync(n));
            Assert.Contains("Orphaned", await h.EventReasonsAsync(n));
        }
        Assert.Equal(before, h.MutatingCalls());
    }

    [Fact]
    public async Task With_orphan_deletion_on_the_guard_stops_any_share_above_half_even_in_a_3_service_cluster()
    {
        h.Options.DeleteOrphans = true;
        var names = new[] { "app1", "app2", "app3" };
        foreach (var n in names)
        {
            await h.ApplyAsync(n, AppHarness.App(n, replicas: 1));
            await h.ConvergeAsync(n);
        }
        foreach (var n in names) await h.RemoveAsync(n);
        h.Services.ExpireAll();
        foreach (var n in names)
        {
            Assert.NotNull((await h.ReconcileAsync(n)).RequeueAfter);
            Assert.NotNull(await h.ServiceAsync(n));
            Assert.Contains("MassDeletionBlocked", await h.EventReasonsAsync(n));
        }

        // one orphan of three is within the limit (1 <= 50% of 3)
        await h.ApplyAsync("app1", AppHarness.App("app1", replicas: 1));
        await h.ApplyAsync("app2", AppHarness.App("app2", replicas: 1));
        h.Services.ExpireAll();
        await h.ReconcileAsync("app3");
        h.Step(TimeSpan.FromSeconds(10));
        Assert.Null(await h.ServiceAsync("app3"));
    }

    [Fact]
    public async Task Marked_apps_are_all_deleted_however_many_and_their_items_removed()
    {
        var names = new[] { "app1", "app2", "app3" };
        foreach (var n in names)
        {
            await h.ApplyAsync(n, AppHarness.App(n, replicas: 1));
            await h.ConvergeAsync(n);
        }
        foreach (var n in names) await h.DeleteAsync(n);
        foreach (var n in names) Assert.Null((await h.ReconcileAsync(n)).RequeueAfter);
        h.Step(TimeSpan.FromSeconds(10));
        foreach (var n in names)
        {
            Assert.Null(await h.ServiceAsync(n));
            Assert.Null(await h.Store.GetAsync(AppHarness.Key(n), default));
        }
    }

    [Fact]
    public async Task A_crash_between_register_and_update_leaves_no_duplicate_revision()
    {
        await h.ApplyAsync("web", AppHarness.App("web"));
        await h.ConvergeAsync("web");
        await h.ApplyAsync("web", AppHarness.App("web", image: "nginx:2"));
        h.Cloud.Control.FailNext(EcsAction.UpdateService, "ServerException", "operator crashed here");
        await Assert.ThrowsAsync<AwsApiException>(() => h.ReconcileAsync("web"));
        Assert.Equal(2, (await h.RevisionsAsync("web")).Count);

        h.NewOperator();
        await h.ConvergeAsync("web");
        var revisions = await h.RevisionsAsync("web");
        Assert.Equal(2, revisions.Count);
        Assert.Equal(revisions[^1], (await h.ServiceAsync("web"))!.Str("taskDefinition"));
    }

    [Fact]
    public async Task Revisions_beyond_the_history_limit_are_deregistered()
    {
        for (var i = 1; i <= 4; i++)
        {
            await h.ApplyAsync("web", AppHarness.App("web", image: $"nginx:{i}", extraSpec: "  revisionHistoryLimit: 1"));
            await h.ConvergeAsync("web");
        }
        var active = await h.RevisionsAsync("web");
        Assert.Equal(2, active.Count);
        Assert.EndsWith(":4", active[^1]);
        Assert.Equal(2, (await h.StatusAsync("web")).Arr("revisions")!.Count);
    }
}
