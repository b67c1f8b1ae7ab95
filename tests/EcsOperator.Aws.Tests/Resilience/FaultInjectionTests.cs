using System.Text.Json.Nodes;
using EcsOperator.Aws.Resilience;
using EcsOperator.Aws.Tests.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Moto;
using Xunit.Abstractions;

namespace EcsOperator.Aws.Tests.Resilience;

[Collection(AwsClientsMotoCollection.Name)]
public sealed class FaultInjectionTests(MotoServer moto, ITestOutputHelper output)
{
    private static AwsClientOptions FastRetries(FaultInjectingHandler faults, RecordingObserver observer) => new()
    {
        MaxRetries = 10,
        BaseDelay = TimeSpan.FromMilliseconds(2),
        MaxDelay = TimeSpan.FromMilliseconds(40),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        Observer = observer,
        WrapHandler = faults.Wrap,
    };

    [SkippableFact]
    public async Task Every_operation_completes_through_injected_throttling_5xx_and_transport_faults()
    {
        moto.SkipIfUnavailable();
        var faults = new FaultInjectingHandler(faultShare: 0.4);
        var observer = new RecordingObserver();
        using var aws = AwsClientsMoto.Create(moto, FastRetries(faults, observer));
        var ecs = aws.Ecs;
        var cluster = AwsClientsMoto.Unique("faults");

        await ecs.SendAsync(EcsAction.CreateCluster, new JsonObject { ["clusterName"] = cluster }, default);
        for (var i = 0; i < 3; i++)
        {
            await ecs.SendAsync(EcsAction.RegisterTaskDefinition, JsonNode.Parse($$"""
                { "family": "{{cluster}}", "containerDefinitions": [ { "name": "app", "image": "nginx:{{i}}", "memory": 64 } ] }
                """)!.AsObject(), default);
        }
        var revisions = await ecs.ListTaskDefinitionsAsync(cluster, null, default);
        Assert.True(revisions.Count >= 3, $"{revisions.Count} revisions");
        var td = await ecs.DescribeTaskDefinitionAsync(revisions[^1], default);
        Assert.NotNull(td);
        for (var i = 0; i < 12; i++)
        {
            await ecs.SendAsync(EcsAction.CreateService, new JsonObject
            {
                ["cluster"] = cluster, ["serviceName"] = $"s{i}", ["taskDefinition"] = revisions[^1], ["desiredCount"] = 1,
                ["clientToken"] = $"{cluster}-s{i}",
            }, default);
        }
        await ecs.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = cluster, ["service"] = "s0", ["desiredCount"] = 4 }, default);
        var (services, _) = await ecs.DescribeServicesAsync(cluster, [.. Enumerable.Range(0, 12).Select(i => $"s{i}")], default);
        Assert.Equal(12, services.Count);
        Assert.Equal(4, services.Single(s => s.Str("serviceName") == "s0").Int("desiredCount"));
        Assert.Equal(12, (await ecs.ListServicesAsync(cluster, default)).Count);
        await ecs.SendAsync(EcsAction.DeleteService, new JsonObject { ["cluster"] = cluster, ["service"] = "s1", ["force"] = true }, default);
        await ecs.SendAsync(EcsAction.TagResource, new JsonObject
        {
            ["resourceArn"] = services[0].Str("serviceArn"),
            ["tags"] = new JsonArray(new JsonObject { ["key"] = "k", ["value"] = "v" }),
        }, default);
        await ecs.ListTasksAsync(cluster, default);
        await aws.Alarms.DescribeAlarmsAsync(["no-such-alarm"], default);
        await aws.AutoScaling.DescribeAutoScalingGroupsAsync(["no-such-group"], default);
        await Assert.ThrowsAsync<AwsApiException>(() => aws.Logs.GetLogEventsAsync("/no/such/group", "s", null, true, default));

        output.WriteLine($"injected: {faults.Throttles} throttles, {faults.ServerErrors} 5xx, {faults.TransportFaults} transport; forwarded {faults.Forwarded}");
        Assert.True(faults.Throttles > 0 && faults.ServerErrors > 0 && faults.TransportFaults > 0, "every fault kind was injected");
        Assert.Contains(observer.Calls, c => c.Throttled && c.Outcome == "ok");
        Assert.Contains(observer.Calls, c => c.Attempts > 1);
        Assert.All(observer.Calls.Where(c => c.Service != "logs"), c => Assert.Equal("ok", c.Outcome));
    }

    [SkippableFact]
    public async Task A_hung_attempt_times_out_and_the_retry_succeeds()
    {
        moto.SkipIfUnavailable();
        var faults = new FaultInjectingHandler(faultShare: 0);
        var observer = new RecordingObserver();
        using var aws = AwsClientsMoto.Create(moto, FastRetries(faults, observer) with { AttemptTimeout = TimeSpan.FromSeconds(1.5) });
        // Warm moto's ECS backend up (its first call can take longer than the attempt timeout), then hang one attempt.
        await aws.Ecs.SendAsync("ListClusters", [], default);
        observer.Calls.Clear();
        faults.Hang = 1;

        var clusters = await aws.Ecs.SendAsync(EcsAction.DescribeClusters, new JsonObject { ["clusters"] = new JsonArray("default") }, default);
        Assert.NotNull(clusters["failures"] ?? clusters["clusters"]);
        var call = Assert.Single(observer.Calls);
        Assert.Equal(("ok", 2), (call.Outcome, call.Attempts));
    }

    [SkippableFact]
    public async Task Terminal_errors_are_not_retried()
    {
        moto.SkipIfUnavailable();
        var observer = new RecordingObserver();
        // The request is bad on purpose (launchType BOGUS): moto's own error is what is tested, so it must reach moto.
        using var aws = AwsClientsMoto.Create(moto, new AwsClientOptions { Observer = observer }, checkConformance: false);
        var e = await Assert.ThrowsAsync<AwsApiException>(() => aws.Ecs.SendAsync(EcsAction.RunTask,
            new JsonObject { ["cluster"] = "default", ["taskDefinition"] = "x", ["launchType"] = "BOGUS" }, default));
        Assert.Equal(AwsErrorKind.InvalidParameter, e.Kind);
        var call = Assert.Single(observer.Calls);
        Assert.Equal(("InvalidParameterException", 1), (call.Outcome, call.Attempts));
    }
}
