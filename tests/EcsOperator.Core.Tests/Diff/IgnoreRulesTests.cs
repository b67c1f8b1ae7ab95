using System.Text.Json.Nodes;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Manifests;

namespace EcsOperator.Core.Tests.Diff;

/// <summary>spec.ignoreDifferences: how paths are read, what they remove, what is sent for them, and how bad ones are reported.</summary>
public sealed class IgnoreRulesTests
{
    [Theory]
    [InlineData("desiredCount", "desiredCount")]
    [InlineData("/service/capacityProviderStrategy", "service.capacityProviderStrategy")]
    [InlineData("service.deploymentConfiguration.maximumPercent", "service.deploymentConfiguration.maximumPercent")]
    [InlineData("taskDefinition.containerDefinitions[app].image", "taskDefinition.containerDefinitions.app.image")]
    [InlineData("/taskDefinition/containerDefinitions/app/environment/*", "taskDefinition.containerDefinitions.app.environment.*")]
    [InlineData("/service/tags/a~1b", "service.tags.a/b")]
    public void Pointers_and_dotted_paths_read_the_same(string text, string display)
    {
        var rule = IgnoreRules.Parse(text, IgnoreRules.AppRoots, out var error);
        Assert.Null(error);
        Assert.Equal(display, rule!.Display);
    }

    [Theory]
    [InlineData("", "empty path")]
    [InlineData("replicas", "must start at service, taskDefinition, desiredCount")]
    [InlineData("service", "ignores the whole service")]
    [InlineData("/taskDefinition", "ignores the whole taskDefinition")]
    [InlineData("desiredCount.x", "has no fields below it")]
    [InlineData("service..tags", "empty segment")]
    [InlineData("/service//tags", "empty segment")]
    [InlineData("taskDefinition.containerDefinitions[app.image", "unbalanced '['")]
    [InlineData("service.desiredCount", "ignored with the path 'desiredCount'")]
    public void Malformed_paths_are_explained(string text, string expected)
    {
        Assert.Null(IgnoreRules.Parse(text, IgnoreRules.AppRoots, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Pool_rules_name_the_group_capacity_only()
    {
        Assert.NotNull(IgnoreRules.Parse("desiredCapacity", IgnoreRules.PoolRoots, out _));
        Assert.Null(IgnoreRules.Parse("desiredCount", IgnoreRules.PoolRoots, out var error));
        Assert.Contains("must start at desiredCapacity", error);
    }

    [Fact]
    public void List_items_are_addressed_by_name_key_or_star()
    {
        var td = JsonNode.Parse("""
            {"containerDefinitions":[
              {"name":"app","image":"a:1","environment":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
              {"name":"side","image":"s:1","environment":[{"name":"A","value":"9"}]}]}
            """);
        var without = IgnoreRules.Without(td, [["containerDefinitions", "app", "environment", "A"], ["containerDefinitions", "*", "image"]]);
        Assert.Equal("""{"containerDefinitions":[{"name":"app","environment":[{"name":"B","value":"2"}]},{"name":"side","environment":[{"name":"A","value":"9"}]}]}""",
            without!.ToJsonString());
        Assert.Equal("a:1", td!["containerDefinitions"]![0]!["image"]!.GetValue<string>()); // the input is not changed
    }

    [Fact]
    public void Graft_sends_the_live_value_for_ignored_parts_and_the_desired_one_for_the_rest()
    {
        var desired = JsonNode.Parse("""{"maximumPercent":200,"minimumHealthyPercent":100}""");
        var live = JsonNode.Parse("""{"maximumPercent":150,"minimumHealthyPercent":50}""");
        Assert.Equal("""{"maximumPercent":150,"minimumHealthyPercent":100}""", IgnoreRules.Graft(desired, live, [["maximumPercent"]])!.ToJsonString());

        var strategy = JsonNode.Parse("""[{"capacityProvider":"FARGATE","weight":1},{"capacityProvider":"FARGATE_SPOT","weight":1}]""");
        var liveStrategy = JsonNode.Parse("""[{"capacityProvider":"FARGATE","weight":1},{"capacityProvider":"FARGATE_SPOT","weight":4}]""");
        Assert.Equal("""[{"capacityProvider":"FARGATE","weight":1},{"capacityProvider":"FARGATE_SPOT","weight":4}]""",
            IgnoreRules.Graft(strategy, liveStrategy, [["FARGATE_SPOT"]])!.ToJsonString());
        Assert.Equal("""[{"capacityProvider":"FARGATE","weight":1},{"capacityProvider":"FARGATE_SPOT","weight":4}]""",
            IgnoreRules.Graft(strategy, liveStrategy, [["*", "weight"]])!.ToJsonString());
    }

    [Fact]
    public void Ignored_task_definition_paths_do_not_show_in_the_definition_diff()
    {
        var live = JsonNode.Parse("""{"family":"web","containerDefinitions":[{"name":"app","image":"a:1","memory":256,"environment":[{"name":"A","value":"1"}]}]}""")!.AsObject();
        var desired = JsonNode.Parse("""{"family":"web","containerDefinitions":[{"name":"app","image":"a:1","memory":256,"environment":[{"name":"A","value":"2"}]}]}""")!.AsObject();
        Assert.NotEmpty(DefinitionDiff.TaskDefinition(live, desired));
        Assert.Empty(DefinitionDiff.TaskDefinition(live, desired, [["containerDefinitions", "app", "environment", "A"]]));
        Assert.Empty(DefinitionDiff.TaskDefinition(live, desired, [["containerDefinitions", "app", "environment"]]));
    }

    [Fact]
    public void Validation_names_file_line_column_and_entry()
    {
        var result = ManifestParser.Parse("""
            apiVersion: ecs.operator/v1
            kind: App
            metadata:
              name: web
            spec:
              cluster: default
              ignoreDifferences:
                - desiredCount
                - service..tags
                - replicas
              taskDefinition:
                containerDefinitions: [{name: app, image: nginx, memory: 128}]
            """, "web.yaml");
        Assert.Equal(
        [
            "web.yaml:9:7: spec.ignoreDifferences[1]: 'service..tags' has an empty segment",
            "web.yaml:10:7: spec.ignoreDifferences[2]: 'replicas' must start at service, taskDefinition, desiredCount",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_capacity_pool_rule_is_validated_too()
    {
        var result = ManifestParser.Parse("""
            apiVersion: ecs.operator/v1
            kind: CapacityPool
            metadata:
              name: pool
            spec:
              cluster: default
              autoScalingGroupName: asg
              ignoreDifferences: [desiredCapacity, maxSize]
            """, "pool.yaml");
        var error = Assert.Single(result.Errors);
        Assert.Equal("pool.yaml:8:40: spec.ignoreDifferences[1]: 'maxSize' must start at desiredCapacity", error.ToString());
    }
}
