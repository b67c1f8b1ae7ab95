using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.TestUtilities.Contracts.Ecs;

/// <summary>Task definition families, revisions, describe by family / family:revision / ARN, deregistration, listing.</summary>
public abstract class EcsTaskDefinitionContract : EcsContractBase
{
    [Fact]
    public async Task Registering_a_family_twice_creates_revisions_with_real_arns()
    {
        var family = Unique("web");
        var first = await RegisterAsync(EcsSamples.TaskDefinition(family));
        var second = await RegisterAsync(EcsSamples.TaskDefinition(family, image: "nginx:1.28"));

        Assert.Equal(1, first.Int("revision"));
        Assert.Equal(2, second.Int("revision"));
        Assert.Equal("ACTIVE", second.Str("status"));
        Assert.Equal(family, second.Str("family"));
        Assert.Matches($@"^arn:aws:ecs:[a-z0-9-]+:\d{{12}}:task-definition/{family}:2$", second.Str("taskDefinitionArn"));
        Assert.Equal("nginx:1.28", second.Arr("containerDefinitions").Objects().Single().Str("image"));
    }

    [Fact]
    public async Task Describe_by_family_returns_the_latest_revision_and_by_revision_or_arn_that_revision()
    {
        var family = Unique("api");
        var first = await RegisterAsync(EcsSamples.TaskDefinition(family, image: "app:1"));
        await RegisterAsync(EcsSamples.TaskDefinition(family, image: "app:2"));

        var latest = (await Send(EcsAction.DescribeTaskDefinition, new JsonObject { ["taskDefinition"] = family })).Obj("taskDefinition");
        var byRevision = (await Send(EcsAction.DescribeTaskDefinition, new JsonObject { ["taskDefinition"] = family + ":1" })).Obj("taskDefinition");
        var byArn = (await Send(EcsAction.DescribeTaskDefinition, new JsonObject { ["taskDefinition"] = first.Str("taskDefinitionArn") })).Obj("taskDefinition");

        Assert.Equal(2, latest.Int("revision"));
        Assert.Equal(1, byRevision.Int("revision"));
        Assert.Equal("app:1", byArn.Arr("containerDefinitions").Objects().Single().Str("image"));
    }

    [Fact]
    public async Task Tags_are_returned_when_asked_for()
    {
        var family = Unique("tagged");
        await RegisterAsync(EcsSamples.TaskDefinition(family, tags: EcsSamples.Tags(("team", "blue"))));

        var resp = await Send(EcsAction.DescribeTaskDefinition, new JsonObject { ["taskDefinition"] = family, ["include"] = new JsonArray("TAGS") });

        var tag = resp.Arr("tags").Objects().Single();
        Assert.Equal("team", tag.Str("key"));
        Assert.Equal("blue", tag.Str("value"));
    }

    [Fact]
    public async Task Describing_an_unknown_family_is_a_client_error()
    {
        var e = await ThrowsAws(() => Send(EcsAction.DescribeTaskDefinition, new JsonObject { ["taskDefinition"] = Unique("nope") }));
        Assert.Equal("ClientException", e.Code);
    }

    [Fact]
    public async Task Deregistering_makes_a_revision_inactive_but_still_describable()
    {
        var family = Unique("old");
        await RegisterAsync(EcsSamples.TaskDefinition(family));
        await RegisterAsync(EcsSamples.TaskDefinition(family));

        var gone = (await Send(EcsAction.DeregisterTaskDefinition, new JsonObject { ["taskDefinition"] = family + ":1" })).Obj("taskDefinition");
        var described = (await Send(EcsAction.DescribeTaskDefinition, new JsonObject { ["taskDefinition"] = family + ":1" })).Obj("taskDefinition");

        Assert.Equal("INACTIVE", gone.Str("status"));
        Assert.Equal("INACTIVE", described.Str("status"));
        var active = await Ecs.ListTaskDefinitionsAsync(family, "ACTIVE", CancellationToken.None);
        Assert.Equal([family + ":2"], active.Select(a => a[(a.LastIndexOf('/') + 1)..]));
    }

    [Fact]
    public async Task Listing_pages_through_every_revision_of_a_family_in_order()
    {
        var family = Unique("many");
        for (var i = 0; i < 5; i++) await RegisterAsync(EcsSamples.TaskDefinition(family));

        var first = await Send(EcsAction.ListTaskDefinitions, new JsonObject { ["familyPrefix"] = family, ["maxResults"] = 2, ["sort"] = "ASC" });
        var all = await Ecs.ListTaskDefinitionsAsync(family, null, CancellationToken.None);

        if (PagingUnsupportedReason is null)
        {
            Assert.Equal(2, first.Arr("taskDefinitionArns")!.Count);
            Assert.False(string.IsNullOrEmpty(first.Str("nextToken")));
        }
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{family}:{i}"), all.Select(a => a[(a.LastIndexOf('/') + 1)..]));
    }
}
