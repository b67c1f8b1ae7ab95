using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.TestUtilities.Contracts.Ecs;

/// <summary>CreateCluster / DescribeClusters and TagResource / ListTagsForResource.</summary>
public abstract class EcsClusterContract : EcsContractBase
{
    [Fact]
    public async Task CreateCluster_is_idempotent_and_the_cluster_is_described_active()
    {
        var name = Unique("cl");
        var first = (await Send(EcsAction.CreateCluster, new JsonObject { ["clusterName"] = name })).Obj("cluster")!;
        var again = (await Send(EcsAction.CreateCluster, new JsonObject { ["clusterName"] = name })).Obj("cluster")!;

        var described = await Send(EcsAction.DescribeClusters, new JsonObject { ["clusters"] = new JsonArray(name, Unique("missing")) });

        Assert.Equal(first.Str("clusterArn"), again.Str("clusterArn"));
        Assert.Matches($@"^arn:aws:ecs:[a-z0-9-]+:\d{{12}}:cluster/{name}$", first.Str("clusterArn"));
        var c = Assert.Single(described.Arr("clusters").Objects());
        Assert.Equal(("ACTIVE", name), (c.Str("status"), c.Str("clusterName")));
        Assert.Equal("MISSING", Assert.Single(described.Arr("failures").Objects()).Str("reason"));
    }

    [Fact]
    public async Task Tags_added_to_a_service_are_listed()
    {
        var td = (await RegisterAsync(EcsSamples.TaskDefinition(Unique("tags")))).Str("taskDefinitionArn")!;
        var arn = (await Send(EcsAction.CreateService, EcsSamples.Service(Cluster, "tagged", td, 0))).Obj("service").Str("serviceArn")!;

        await Send(EcsAction.TagResource, new JsonObject { ["resourceArn"] = arn, ["tags"] = EcsSamples.Tags(("ecs.operator/managed", "true")) });
        var tags = (await Send(EcsAction.ListTagsForResource, new JsonObject { ["resourceArn"] = arn })).Arr("tags").Objects().ToList();

        Assert.Contains(tags, t => t.Str("key") == "ecs.operator/managed" && t.Str("value") == "true");
    }
}
