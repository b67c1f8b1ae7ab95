using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Api;

public sealed class ApiRealismTests
{
    private static async Task<int> SucceededBeforeThrottle(Func<int, Task> call, int attempts)
    {
        for (var i = 0; i < attempts; i++)
        {
            try
            {
                await call(i);
            }
            catch (AwsApiException e) when (e.Code == "ThrottlingException")
            {
                Assert.Equal("Rate exceeded", e.ErrorMessage);
                Assert.Equal(AwsErrorKind.Throttling, e.Kind);
                return i;
            }
        }
        return attempts;
    }

    [Fact]
    public async Task Token_buckets_match_the_documented_burst_and_refill_rates()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").WithThrottling().Build();

        var registered = await SucceededBeforeThrottle(_ => sim.RegisterAsync(EcsSamples.TaskDefinition("t")), 30);
        var serviceWrites = await SucceededBeforeThrottle(
            i => sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("default", "s" + i, "t:1", 0)), 80);
        var tagWrites = await SucceededBeforeThrottle(i => sim.SendAsync(EcsAction.TagResource, new JsonObject
        {
            ["resourceArn"] = "arn:aws:ecs:us-east-1:123456789012:cluster/default", ["tags"] = EcsSamples.Tags(("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        }), 150);
        var reads = await SucceededBeforeThrottle(_ => sim.SendAsync(EcsAction.ListServices, new JsonObject { ["cluster"] = "default" }), 150);

        // RegisterTaskDefinition 20/1 s, CreateService 50/5 s, TagResource 20/10 s, ListServices 100/20 s (burst/refill)
        Assert.Equal((20, 50, 20, 100), (registered, serviceWrites, tagWrites, reads));
        sim.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, await SucceededBeforeThrottle(_ => sim.RegisterAsync(EcsSamples.TaskDefinition("t")), 10));
        sim.Time.Advance(TimeSpan.FromSeconds(1)); // service modify refilled 4 s × 5/s since it ran dry
        Assert.Equal(20, await SucceededBeforeThrottle(i => sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("default", "late" + i, "t:1", 0)), 30));
    }

    [Fact]
    public async Task Every_ecs_action_draws_from_the_throttle_table_bucket_of_its_category()
    {
        // The throttle is checked before the request is, so an empty request spends a token whether or not it is valid.
        foreach (var action in AwsApiModel.Ecs.Actions)
        {
            using var sim = new SimulatedCloudBuilder().WithCluster("default").WithThrottling().Build();
            var burst = EcsThrottleTable.LimitOf(action).Burst;
            var succeeded = await SucceededBeforeThrottle(async _ =>
            {
                try
                {
                    await sim.SendAsync(action, []);
                }
                catch (AwsApiException e) when (e.Kind is not AwsErrorKind.Throttling)
                {
                }
            }, burst + 5);
            Assert.True(burst == succeeded, $"{action}: {succeeded} calls before ECS throttled, the table's burst is {burst}");
        }
    }

    [Fact]
    public async Task The_rate_factor_scales_every_bucket_and_throttling_can_be_switched_off()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").WithThrottling(rateFactor: 2).Build();
        Assert.Equal(40, await SucceededBeforeThrottle(_ => sim.RegisterAsync(EcsSamples.TaskDefinition("t")), 60));

        sim.Control.SetThrottling(false);
        Assert.Equal(60, await SucceededBeforeThrottle(_ => sim.RegisterAsync(EcsSamples.TaskDefinition("t")), 60));
    }

    [Fact]
    public async Task Injected_faults_fail_the_named_calls()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").Build();
        sim.Control.FailNext(EcsAction.ListServices, "ServerException", "boom", times: 2);

        var first = await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.ListServices, new JsonObject { ["cluster"] = "default" }));
        await Assert.ThrowsAsync<AwsApiException>(() => sim.SendAsync(EcsAction.ListServices, new JsonObject { ["cluster"] = "default" }));
        await sim.SendAsync(EcsAction.ListServices, new JsonObject { ["cluster"] = "default" });

        Assert.True(first.IsTransient);
        Assert.Equal("ServerException", first.Code);
        sim.Control.SetErrorRate("*", 1.0, "ThrottlingException");
        var any = await Assert.ThrowsAsync<AwsApiException>(() => sim.Cloud.Alarms.DescribeAlarmsAsync(["x"], CancellationToken.None));
        Assert.Equal(AwsErrorKind.Throttling, any.Kind);
        sim.Control.ClearFaults();
        Assert.Empty(await sim.Cloud.Alarms.DescribeAlarmsAsync(["x"], CancellationToken.None));
    }

    [Fact]
    public async Task Latency_is_spent_on_the_time_provider()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").Build();
        sim.Control.SetLatency(TimeSpan.FromMilliseconds(200));

        var call = sim.SendAsync(EcsAction.ListServices, new JsonObject { ["cluster"] = "default" });
        Assert.False(call.IsCompleted);
        sim.Time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.NotNull((await call).Arr("serviceArns"));
    }

    [Fact]
    public async Task Task_definition_validation_gives_ecs_errors_and_every_member_the_model_defines_passes_through()
    {
        using var sim = new SimulatedCloudBuilder().Build();
        var noImage = EcsSamples.TaskDefinition("bad");
        noImage.Arr("containerDefinitions")!.Objects().Single().Remove("image");
        var badFargate = EcsSamples.FargateTaskDefinition("f", cpu: "256", memory: "4096");
        var good = EcsSamples.FargateTaskDefinition("f", cpu: "1 vCPU", memory: "2 GB");
        good["runtimePlatform"] = new JsonObject { ["cpuArchitecture"] = "ARM64", ["operatingSystemFamily"] = "LINUX" };
        good["enableFaultInjection"] = true;

        var e1 = await Assert.ThrowsAsync<AwsApiException>(() => sim.RegisterAsync(noImage));
        var e2 = await Assert.ThrowsAsync<AwsApiException>(() => sim.RegisterAsync(badFargate));
        var registered = (await sim.SendAsync(EcsAction.RegisterTaskDefinition, good)).Obj("taskDefinition")!;

        Assert.Equal(("ClientException", "Container.image should not be null or empty."), (e1.Code, e1.ErrorMessage));
        Assert.Equal("No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.", e2.ErrorMessage);
        Assert.Equal(("1024", "2048"), (registered.Str("cpu"), registered.Str("memory")));
        Assert.True(registered.Bool("enableFaultInjection"));
        Assert.Equal("ARM64", registered.Obj("runtimePlatform").Str("cpuArchitecture"));
        Assert.Contains("FARGATE", registered.Arr("compatibilities").Strings());
    }

    [Fact]
    public async Task Describe_services_rejects_more_than_ten_names_and_lists_page()
    {
        using var sim = new SimulatedCloudBuilder().WithCluster("default").Build();
        var td = await sim.RegisterAsync(EcsSamples.TaskDefinition("p"));
        for (var i = 0; i < 25; i++) await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("default", $"svc{i:D2}", td, 0));

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sim.Ecs.SendAsync(EcsAction.DescribeServices,
            new JsonObject { ["cluster"] = "default", ["services"] = Enumerable.Range(0, 11).Select(i => $"svc{i:D2}").ToJsonArray() }, CancellationToken.None));
        var page1 = await sim.SendAsync(EcsAction.ListServices, new JsonObject { ["cluster"] = "default", ["maxResults"] = 10 });
        var page2 = await sim.SendAsync(EcsAction.ListServices, new JsonObject { ["cluster"] = "default", ["maxResults"] = 10, ["nextToken"] = page1.Str("nextToken") });
        var all = await sim.Ecs.ListServicesAsync("default", CancellationToken.None);
        var (described, _) = await sim.Ecs.DescribeServicesAsync("default", all, CancellationToken.None);

        Assert.Equal("InvalidParameterException", e.Code);
        Assert.Equal(10, page2.Arr("serviceArns")!.Count);
        Assert.Empty(page1.Arr("serviceArns").Strings().Intersect(page2.Arr("serviceArns").Strings()));
        Assert.Equal(25, all.Distinct().Count());
        Assert.Equal(25, described.Count);
    }
}
