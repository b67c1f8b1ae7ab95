using System.Text.Json.Nodes;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Tests.Apps;

/// <summary>spec.ignoreDifferences on an App, reconciled against the simulator: what another owner changes on purpose is
/// not put back, and what the spec says is still used to create.</summary>
public sealed class AppDriftIgnoreTests : IDisposable
{
    private readonly AppHarness h = new();

    public void Dispose() => h.Dispose();

    private Task UpdateServiceAsync(JsonObject fields)
    {
        fields["cluster"] = "default";
        fields["service"] = "web";
        return h.Cloud.Ecs.SendAsync(EcsAction.UpdateService, fields, default);
    }

    private async Task PassAsync()
    {
        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.ConvergeAsync("web");
    }

    [Fact]
    public async Task An_ignored_desired_count_is_set_on_create_and_then_left_to_its_other_owner()
    {
        await h.ApplyAsync("web", AppHarness.App("web", extraSpec: "  ignoreDifferences: [desiredCount]"));
        await h.ConvergeAsync("web");
        Assert.Equal(2, (await h.ServiceAsync("web"))!.Int("desiredCount"));

        await UpdateServiceAsync(new JsonObject { ["desiredCount"] = 5 });
        await PassAsync();

        Assert.Equal(5, (await h.ServiceAsync("web"))!.Int("desiredCount"));
        Assert.DoesNotContain("Drift", await h.EventReasonsAsync("web"));
    }

    [Fact]
    public async Task An_ignored_part_of_a_service_member_is_not_put_back_and_keeps_its_live_value_when_the_rest_is_updated()
    {
        static string Spec(int minimum) => $"""
              ignoreDifferences: [/service/deploymentConfiguration/maximumPercent]
              service:
                deploymentConfiguration:
                  maximumPercent: 200
                  minimumHealthyPercent: {minimum}
            """;
        await h.ApplyAsync("web", AppHarness.App("web", extraSpec: Spec(100)));
        await h.ConvergeAsync("web");
        Assert.Equal(200, (await h.ServiceAsync("web")).Obj("deploymentConfiguration").Int("maximumPercent"));

        var changed = (await h.ServiceAsync("web")).Obj("deploymentConfiguration")!.DeepClone().AsObject();
        changed["maximumPercent"] = 150;
        await UpdateServiceAsync(new JsonObject { ["deploymentConfiguration"] = changed });
        await PassAsync();
        Assert.Equal(150, (await h.ServiceAsync("web")).Obj("deploymentConfiguration").Int("maximumPercent"));
        Assert.DoesNotContain("Drift", await h.EventReasonsAsync("web"));

        await h.ApplyAsync("web", AppHarness.App("web", extraSpec: Spec(50)));
        await h.ConvergeAsync("web");
        var config = (await h.ServiceAsync("web")).Obj("deploymentConfiguration");
        Assert.Equal((150, 50), (config.Int("maximumPercent"), config.Int("minimumHealthyPercent")));
    }

    [Fact]
    public async Task An_ignored_service_tag_keeps_the_value_another_tool_gave_it_and_without_the_rule_it_is_put_back()
    {
        static string Spec(string rules) => $"""
              ignoreDifferences: [{rules}]
              service:
                tags:
                  - key: team
                    value: web
            """;
        await h.ApplyAsync("web", AppHarness.App("web", extraSpec: Spec("\"service.tags[team]\"")));
        await h.ConvergeAsync("web");
        var arn = (await h.ServiceAsync("web")).Str("serviceArn");
        Assert.Equal("web", AppTags.Read((await h.ServiceAsync("web")).Arr("tags"))["team"]);

        await h.Cloud.Ecs.SendAsync(EcsAction.TagResource, new JsonObject
        {
            ["resourceArn"] = arn,
            ["tags"] = new JsonArray(new JsonObject { ["key"] = "team", ["value"] = "platform" }),
        }, default);
        await UpdateServiceAsync(new JsonObject { ["desiredCount"] = 3 }); // something else to put back, so tags are written
        await PassAsync();
        var tags = AppTags.Read((await h.ServiceAsync("web")).Arr("tags"));
        Assert.Equal("platform", tags["team"]);
        Assert.Equal("App/default/web", AppTags.Owner(tags));
        Assert.Equal(2, (await h.ServiceAsync("web"))!.Int("desiredCount"));

        await h.ApplyAsync("web", AppHarness.App("web", extraSpec: Spec("desiredCount")));
        await h.ConvergeAsync("web");
        Assert.Equal("web", AppTags.Read((await h.ServiceAsync("web")).Arr("tags"))["team"]);
    }

    [Fact]
    public async Task An_ignored_task_definition_path_registers_no_revision_and_a_revision_made_for_another_reason_carries_the_spec()
    {
        const string rule = "  ignoreDifferences: [\"taskDefinition.containerDefinitions[app].environment[A]\"]";
        await h.ApplyAsync("web", AppHarness.App("web", extraSpec: rule));
        await h.ConvergeAsync("web");
        var before = await h.RevisionsAsync("web");

        await h.ApplyAsync("web", AppHarness.App("web", extraSpec: rule).Replace("value: \"1\"", "value: \"changed\"", StringComparison.Ordinal));
        await h.ConvergeAsync("web");
        Assert.Equal(before, await h.RevisionsAsync("web"));

        await h.ApplyAsync("web", AppHarness.App("web", image: "nginx:2", extraSpec: rule).Replace("value: \"1\"", "value: \"changed\"", StringComparison.Ordinal));
        await h.ConvergeAsync("web");
        var after = await h.RevisionsAsync("web");
        Assert.Equal(before.Count + 1, after.Count);
        var td = (await h.Cloud.Ecs.SendAsync(EcsAction.DescribeTaskDefinition, new JsonObject { ["taskDefinition"] = after[^1] }, default)).Obj("taskDefinition");
        var env = td.Arr("containerDefinitions").Objects().Single().Arr("environment").Objects().ToDictionary(e => e.Str("name")!, e => e.Str("value"));
        Assert.Equal("changed", env["A"]);
    }

    [Fact]
    public async Task Without_a_rule_the_same_task_definition_change_registers_a_revision()
    {
        await h.ApplyAsync("web", AppHarness.App("web"));
        await h.ConvergeAsync("web");
        var before = await h.RevisionsAsync("web");
        await h.ApplyAsync("web", AppHarness.App("web").Replace("value: \"1\"", "value: \"changed\"", StringComparison.Ordinal));
        await h.ConvergeAsync("web");
        Assert.Equal(before.Count + 1, (await h.RevisionsAsync("web")).Count);
    }
}
