using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Tests.Apps;

/// <summary>An App whose cluster does not exist yet waits for it (a condition and an event name it, the wait grows from
/// 30 s) and converges once another pipeline creates it; nothing is terminal.</summary>
public sealed class AppMissingResourceTests : IDisposable
{
    private readonly AppHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task A_cluster_created_later_is_used_once_it_exists_and_the_wait_grows_meanwhile()
    {
        await h.ApplyAsync("web", AppHarness.App("web").Replace("cluster: default", "cluster: later"));

        var first = await h.ReconcileAsync("web");
        Assert.Equal(TimeSpan.FromSeconds(30), first.RequeueAfter);
        var status = await h.StatusAsync("web");
        Assert.Equal("ClusterNotFound", AppHarness.Condition(status, "Degraded", "reason"));
        Assert.StartsWith("cluster later does not exist", AppHarness.Condition(status, "Degraded", "message"));
        Assert.Equal("False", AppHarness.Condition(status, "Available"));
        Assert.Contains("ClusterNotFound", await h.EventReasonsAsync("web"));

        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), (await h.ReconcileAsync("web")).RequeueAfter);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(60), (await h.ReconcileAsync("web")).RequeueAfter);
        h.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromSeconds(120), (await h.ReconcileAsync("web")).RequeueAfter);
        Assert.Equal(0, h.MutatingCalls());

        h.Cloud.Control.EnsureDefaultCluster(instanceCount: 2, name: "later");
        await h.ConvergeAsync("web");
        var described = await h.Cloud.Ecs.SendAsync("DescribeServices",
            new JsonObject { ["cluster"] = "later", ["services"] = new JsonArray("web") }, default);
        Assert.Equal("ACTIVE", described.Arr("services").Objects().Single().Str("status"));
        Assert.Equal("False", AppHarness.Condition(await h.StatusAsync("web"), "Degraded"));
    }
}
