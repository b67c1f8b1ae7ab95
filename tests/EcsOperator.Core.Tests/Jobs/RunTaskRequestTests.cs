using System.Text.Json.Nodes;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Tests.Jobs;

public sealed class RunTaskRequestTests
{
    private static RunTaskPlan Plan() => new(
        "prod", "arn:aws:ecs:us-east-1:1:task-definition/web:7", "ecsop-abc-1", "ecsop-abc-1-1", "app",
        ["bin/rake", "db:migrate"], new Dictionary<string, string> { ["Z"] = "1", ["A"] = "2" }, 256, 512, "FARGATE", null,
        new JsonObject { ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray("subnet-1") } },
        new Dictionary<string, string> { ["ecs.operator/owner"] = "Job/default/m", ["ecs.operator/managed"] = "true" });

    [Fact]
    public void Builds_the_ecs_request_with_overrides_on_the_chosen_container()
    {
        var req = RunTaskRequest.Build(Plan());
        Assert.Equal("prod", req.Str("cluster"));
        Assert.Equal("arn:aws:ecs:us-east-1:1:task-definition/web:7", req.Str("taskDefinition"));
        Assert.Equal(1, req.Int("count"));
        Assert.Equal("ecsop-abc-1", req.Str("startedBy"));
        Assert.Equal("ecsop-abc-1-1", req.Str("clientToken"));
        Assert.Equal("FARGATE", req.Str("launchType"));
        Assert.Equal("subnet-1", req.Obj("networkConfiguration").Obj("awsvpcConfiguration").Arr("subnets").Strings().Single());
        var co = req.Obj("overrides").Arr("containerOverrides").Objects().Single();
        Assert.Equal("app", co.Str("name"));
        Assert.Equal(["bin/rake", "db:migrate"], co.Arr("command").Strings());
        Assert.Equal(["A", "Z"], co.Arr("environment").Objects().Select(e => e.Str("name")!));
        Assert.Equal(256, co.Int("cpu"));
        Assert.Equal(512, co.Int("memory"));
        Assert.Equal(["ecs.operator/managed", "ecs.operator/owner"], req.Arr("tags").Objects().Select(t => t.Str("key")!));
    }

    [Fact]
    public void Capacity_provider_strategy_replaces_launch_type()
    {
        var req = RunTaskRequest.Build(Plan() with { CapacityProviderStrategy = new JsonArray(new JsonObject { ["capacityProvider"] = "spot" }) });
        Assert.Null(req["launchType"]);
        Assert.Equal("spot", req.Arr("capacityProviderStrategy").Objects().Single().Str("capacityProvider"));
    }

    [Fact]
    public void No_overrides_when_nothing_is_overridden()
    {
        var req = RunTaskRequest.Build(Plan() with { Command = null, Environment = null, Cpu = null, Memory = null, Container = null });
        Assert.Null(req["overrides"]);
    }

    [Fact]
    public void Overrides_without_a_container_are_refused() =>
        Assert.Throws<ArgumentException>(() => RunTaskRequest.Build(Plan() with { Container = null }));
}
