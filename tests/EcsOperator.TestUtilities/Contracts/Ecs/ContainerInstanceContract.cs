using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.TestUtilities.Contracts.Ecs;

/// <summary>ListContainerInstances / DescribeContainerInstances / UpdateContainerInstancesState.</summary>
public abstract class ContainerInstanceContract : EcsContractBase
{
    [Fact]
    public async Task A_registered_instance_is_listed_active_with_its_resources()
    {
        var arn = await RegisterContainerInstanceAsync(Cluster);

        var listed = await Ecs.ListContainerInstancesAsync(Cluster, null, CancellationToken.None);
        var described = Assert.Single(await Ecs.DescribeContainerInstancesAsync(Cluster, [arn], CancellationToken.None));

        Assert.Contains(arn, listed);
        Assert.Matches($@"^arn:aws:ecs:[a-z0-9-]+:\d{{12}}:container-instance/{Cluster}/[0-9a-f-]+$", arn);
        Assert.Equal("ACTIVE", described.Str("status"));
        Assert.StartsWith("i-", described.Str("ec2InstanceId"));
        var names = described.Arr("registeredResources").Objects().Select(r => r.Str("name")).ToList();
        Assert.Contains("CPU", names);
        Assert.Contains("MEMORY", names);
        Assert.True(described.Arr("registeredResources").Objects().Single(r => r.Str("name") == "CPU").Int("integerValue") > 0);
    }

    [Fact]
    public async Task Draining_an_instance_changes_its_status_and_the_status_filter()
    {
        var a = await RegisterContainerInstanceAsync(Cluster);
        var b = await RegisterContainerInstanceAsync(Cluster);

        var resp = await Send(EcsAction.UpdateContainerInstancesState, new JsonObject
        {
            ["cluster"] = Cluster, ["containerInstances"] = new JsonArray(a), ["status"] = "DRAINING",
        });
        await SettleAsync();

        Assert.Equal("DRAINING", resp.Arr("containerInstances").Objects().Single().Str("status"));
        Assert.Equal([a], await Ecs.ListContainerInstancesAsync(Cluster, "DRAINING", CancellationToken.None));
        Assert.Equal([b], await Ecs.ListContainerInstancesAsync(Cluster, "ACTIVE", CancellationToken.None));
        var back = await Send(EcsAction.UpdateContainerInstancesState, new JsonObject
        {
            ["cluster"] = Cluster, ["containerInstances"] = new JsonArray(a), ["status"] = "ACTIVE",
        });
        Assert.Equal("ACTIVE", back.Arr("containerInstances").Objects().Single().Str("status"));
    }

    [Fact]
    public async Task Describing_an_unknown_instance_reports_missing()
    {
        await RegisterContainerInstanceAsync(Cluster);
        var resp = await Send(EcsAction.DescribeContainerInstances, new JsonObject
        {
            ["cluster"] = Cluster, ["containerInstances"] = new JsonArray("0123456789abcdef0123456789abcdef"),
        });
        Assert.Empty(resp.Arr("containerInstances").Objects());
        Assert.Equal("MISSING", resp.Arr("failures").Objects().Single().Str("reason"));
    }
}
