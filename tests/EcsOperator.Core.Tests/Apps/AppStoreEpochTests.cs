using EcsOperator.Core.Apps;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Tests.Apps;

/// <summary>
/// What the App reconciler creates carries its store's epoch, and an object carrying another store's epoch is never
/// deleted, not when its App is marked for deletion and not with DeleteOrphans. Objects without the tag (made before
/// epochs) keep the behaviour they had.
/// </summary>
public sealed class AppStoreEpochTests : IDisposable
{
    private readonly AppHarness h = new();

    public void Dispose() => h.Dispose();

    private async Task<IReadOnlyDictionary<string, string>> RevisionTagsAsync(string arn) =>
        AppTags.Read((await h.Cloud.Ecs.SendAsync(EcsAction.DescribeTaskDefinition, new() { ["taskDefinition"] = arn, ["include"] = new System.Text.Json.Nodes.JsonArray("TAGS") }, default)).Arr("tags"));

    /// <summary>The App is created by the operator of store "old"; then the operator of store "new" takes over.</summary>
    private async Task CreatedUnderAsync(string? epoch, string name = "web")
    {
        h.Options.StoreEpoch = epoch;
        // Two more Apps stay, so one orphan of three is below the mass-deletion guard's share.
        foreach (var n in new[] { name, "keep1", "keep2" })
        {
            await h.ApplyAsync(n, AppHarness.App(n, replicas: 1));
            await h.ConvergeAsync(n);
        }
        h.Options.StoreEpoch = "new0000000000000";
        h.Options.DeleteOrphans = true;
        h.NewOperator();
    }

    [Fact]
    public async Task The_service_and_revision_the_operator_creates_carry_the_store_epoch()
    {
        h.Options.StoreEpoch = "0123456789abcdef";
        await h.ApplyAsync("web", AppHarness.App("web", replicas: 1));
        await h.ConvergeAsync("web");
        var svc = (await h.ServiceAsync("web"))!;
        Assert.Equal("0123456789abcdef", AppTags.Read(svc.Arr("tags"))[OperatorTags.StoreEpoch]);
        Assert.Equal("0123456789abcdef", (await RevisionTagsAsync(Assert.Single(await h.RevisionsAsync("web"))))[OperatorTags.StoreEpoch]);
    }

    [Fact]
    public async Task An_orphan_of_another_store_epoch_is_not_deleted_even_with_delete_orphans()
    {
        await CreatedUnderAsync("old0000000000000");
        await h.RemoveAsync("web");
        h.Services.ExpireAll();
        Assert.Null((await h.ReconcileAsync("web")).RequeueAfter);
        h.Step(TimeSpan.FromSeconds(10));
        Assert.NotNull(await h.ServiceAsync("web"));
        Assert.Single(await h.RevisionsAsync("web"));
        Assert.Contains("OtherStoreEpoch", await h.EventReasonsAsync("web"));
    }

    [Fact]
    public async Task A_marked_app_whose_service_belongs_to_another_store_epoch_is_finalised_without_deleting_it()
    {
        await CreatedUnderAsync("old0000000000000");
        await h.DeleteAsync("web");
        await h.ReconcileAsync("web");
        h.Step(TimeSpan.FromSeconds(10));
        Assert.Null(await h.Store.GetAsync(AppHarness.Key("web"), default));
        var svc = (await h.ServiceAsync("web"))!;
        Assert.Equal(1, svc.Int("desiredCount"));
        Assert.Single(await h.RevisionsAsync("web"));
        Assert.Contains("OtherStoreEpoch", await h.EventReasonsAsync("web"));
    }

    [Theory]
    [InlineData("new0000000000000")] // this store's own
    [InlineData(null)]               // made before epochs existed: as before
    public async Task An_orphan_of_this_store_or_of_no_epoch_is_deleted_with_delete_orphans(string? epoch)
    {
        await CreatedUnderAsync(epoch);
        await h.RemoveAsync("web");
        h.Services.ExpireAll();
        await h.ReconcileAsync("web");
        h.Step(TimeSpan.FromSeconds(10));
        Assert.Null(await h.ServiceAsync("web"));
        Assert.Empty(await h.RevisionsAsync("web"));
        Assert.Contains("ServiceDeleted", await h.EventReasonsAsync("web"));
    }
}
