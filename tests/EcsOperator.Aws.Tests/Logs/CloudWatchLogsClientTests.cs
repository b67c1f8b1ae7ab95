using System.Text.Json.Nodes;
using EcsOperator.Aws.Logs;
using EcsOperator.Aws.Tests.Wire;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Logs;

[Collection(AwsClientsMotoCollection.Name)]
public sealed class CloudWatchLogsClientTests(MotoServer moto)
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-10);

    private static JsonArray Events(string prefix, int count, int offsetMs = 0) =>
        new(Enumerable.Range(0, count).Select(i => (JsonNode?)new JsonObject
        {
            ["timestamp"] = T0.AddMilliseconds(offsetMs + i * 1000).ToUnixTimeMilliseconds(),
            ["message"] = $"{prefix} line {i}",
        }).ToArray());

    [SkippableFact]
    public async Task Events_written_with_the_cli_are_read_with_get_and_filter()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var group = "/ecs/" + AwsClientsMoto.Unique("logs");
        await moto.CliAsync("logs", "create-log-group", "--log-group-name", group);
        await moto.CliAsync("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", "app/web/1");
        await moto.CliAsync("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "app/web/1",
            "--log-events", Events("web", 5).ToJsonString());
        // A second stream, written over the wire directly.
        await MotoWire.JsonAsync(moto, AwsServiceDescriptor.Logs, CloudWatchLogsClient.TargetPrefix, "CreateLogStream",
            new JsonObject { ["logGroupName"] = group, ["logStreamName"] = "job/nightly/1" });
        await MotoWire.JsonAsync(moto, AwsServiceDescriptor.Logs, CloudWatchLogsClient.TargetPrefix, "PutLogEvents",
            new JsonObject { ["logGroupName"] = group, ["logStreamName"] = "job/nightly/1", ["logEvents"] = Events("job", 3, 500) });

        var page = await aws.Logs.GetLogEventsAsync(group, "app/web/1", null, startFromHead: true, default);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"web line {i}"), page.Events.Select(e => e.Message));
        Assert.Equal(T0.AddSeconds(4).ToUnixTimeMilliseconds(), page.Events[^1].Timestamp.ToUnixTimeMilliseconds());
        Assert.All(page.Events, e => Assert.Equal("app/web/1", e.LogStreamName));
        Assert.NotNull(page.NextToken);
        var next = await aws.Logs.GetLogEventsAsync(group, "app/web/1", page.NextToken, startFromHead: true, default);
        Assert.Empty(next.Events);

        var all = await aws.Logs.FilterLogEventsAsync(group, null, null, null, default);
        Assert.Equal(8, all.Events.Count);
        Assert.Equal(["job line 0", "job line 1", "job line 2"], all.Events.Where(e => e.LogStreamName == "job/nightly/1").Select(e => e.Message));
        // logStreamNamePrefix is sent, but moto 5.2.1 ignores it in FilterLogEvents (only logStreamNames is honoured there),
        // so the prefix filter itself is not provable here.
        var late = await aws.Logs.FilterLogEventsAsync(group, null, T0.AddSeconds(3), null, default);
        Assert.Equal(["web line 3", "web line 4"], late.Events.Select(e => e.Message).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Missing_group_is_typed_not_found()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var e = await Assert.ThrowsAsync<AwsApiException>(() =>
            aws.Logs.GetLogEventsAsync("/ecs/" + AwsClientsMoto.Unique("absent"), "s", null, true, default));
        Assert.Equal(AwsErrorKind.NotFound, e.Kind);
        Assert.Equal("ResourceNotFoundException", e.Code);
    }
}
