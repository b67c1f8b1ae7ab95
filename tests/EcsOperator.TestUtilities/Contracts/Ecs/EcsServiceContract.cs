using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.TestUtilities.Contracts.Ecs;

/// <summary>CreateService / UpdateService / DescribeServices / ListServices / DeleteService.</summary>
public abstract class EcsServiceContract : EcsContractBase
{
    /// <summary>ECS rejects DescribeServices with more than 10 names; a backend that does not is marked with the reason.</summary>
    protected virtual bool EnforcesDescribeServicesLimit => true;

    private async Task<string> TaskDefinitionAsync(string family) =>
        (await RegisterAsync(EcsSamples.TaskDefinition(family))).Str("taskDefinitionArn")!;

    [Fact]
    public async Task A_created_service_is_active_and_describable_with_its_tags()
    {
        var td = await TaskDefinitionAsync(Unique("svc"));
        var request = EcsSamples.Service(Cluster, "web", td, 0);
        request["tags"] = EcsSamples.Tags(("owner", "App/default/web"));
        var created = (await Send(EcsAction.CreateService, request)).Obj("service")!;

        var (services, failures) = await Ecs.DescribeServicesAsync(Cluster, ["web"], CancellationToken.None);

        Assert.Equal("ACTIVE", created.Str("status"));
        Assert.Matches($@"^arn:aws:ecs:[a-z0-9-]+:\d{{12}}:service/{Cluster}/web$", created.Str("serviceArn"));
        var s = Assert.Single(services);
        Assert.Empty(failures);
        Assert.Equal(td, s.Str("taskDefinition"));
        Assert.Equal(0, s.Int("desiredCount"));
        Assert.Contains(s.Arr("tags").Objects(), t => t.Str("key") == "owner" && t.Str("value") == "App/default/web");
    }

    [Fact]
    public async Task Describing_a_missing_service_reports_a_missing_failure()
    {
        var (services, failures) = await Ecs.DescribeServicesAsync(Cluster, ["ghost"], CancellationToken.None);

        Assert.Empty(services);
        var f = Assert.Single(failures);
        Assert.Equal("MISSING", f.Str("reason"));
        Assert.EndsWith("/ghost", f.Str("arn"));
    }

    [Fact]
    public async Task Updating_desired_count_and_task_definition_is_reflected()
    {
        var family = Unique("upd");
        var v1 = await TaskDefinitionAsync(family);
        var v2 = await TaskDefinitionAsync(family);
        await Send(EcsAction.CreateService, EcsSamples.Service(Cluster, "api", v1, 0));

        var updated = (await Send(EcsAction.UpdateService, new JsonObject
        {
            ["cluster"] = Cluster, ["service"] = "api", ["desiredCount"] = 0, ["taskDefinition"] = v2,
        })).Obj("service")!;

        Assert.Equal(v2, updated.Str("taskDefinition"));
        var primary = updated.Arr("deployments").Objects().First(d => d.Str("status") == "PRIMARY");
        Assert.Equal(v2, primary.Str("taskDefinition"));
    }

    [Fact]
    public async Task Updating_a_missing_service_is_service_not_found()
    {
        var e = await ThrowsAws(() => Send(EcsAction.UpdateService, new JsonObject { ["cluster"] = Cluster, ["service"] = "ghost", ["desiredCount"] = 1 }));
        Assert.Equal("ServiceNotFoundException", e.Code);
        Assert.Equal(AwsErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task Services_are_listed_with_paging()
    {
        var td = await TaskDefinitionAsync(Unique("list"));
        foreach (var name in new[] { "a", "b", "c" }) await Send(EcsAction.CreateService, EcsSamples.Service(Cluster, name, td, 0));

        var page = await Send(EcsAction.ListServices, new JsonObject { ["cluster"] = Cluster, ["maxResults"] = 2 });
        var all = await Ecs.ListServicesAsync(Cluster, CancellationToken.None);

        if (PagingUnsupportedReason is null) Assert.Equal(2, page.Arr("serviceArns")!.Count);
        Assert.Equal(["a", "b", "c"], all.Select(a => a[(a.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deleting_a_service_takes_it_out_of_active()
    {
        var td = await TaskDefinitionAsync(Unique("del"));
        await Send(EcsAction.CreateService, EcsSamples.Service(Cluster, "gone", td, 0));

        var deleted = (await Send(EcsAction.DeleteService, new JsonObject { ["cluster"] = Cluster, ["service"] = "gone", ["force"] = true })).Obj("service")!;
        await SettleAsync();
        var (services, _) = await Ecs.DescribeServicesAsync(Cluster, ["gone"], CancellationToken.None);

        Assert.Contains(deleted.Str("status"), new[] { "DRAINING", "INACTIVE" });
        Assert.All(services, s => Assert.NotEqual("ACTIVE", s.Str("status")));
    }

    [SkippableFact]
    public async Task Describing_more_than_ten_services_is_rejected()
    {
        Skip.IfNot(EnforcesDescribeServicesLimit, "backend does not enforce ECS's 10-name limit");
        var names = Enumerable.Range(0, 11).Select(i => "s" + i).ToJsonArray();
        var e = await ThrowsAws(() => Send(EcsAction.DescribeServices, new JsonObject { ["cluster"] = Cluster, ["services"] = names }));
        Assert.Equal("InvalidParameterException", e.Code);
    }
}
