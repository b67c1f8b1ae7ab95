using EcsOperator.Core.Aws;

namespace EcsOperator.TestUtilities.Contracts.Ecs;

/// <summary>CloudWatch Logs reads: GetLogEvents paging/forward tokens and FilterLogEvents across streams.</summary>
public abstract class LogsContract : IAsyncLifetime
{
    protected ILogsApi Logs { get; private set; } = null!;

    protected string Group { get; } = "/contract/" + Guid.NewGuid().ToString("N")[..8];

    protected abstract Task<ILogsApi> CreateLogsAsync();

    /// <summary>Creates group and stream when needed, then appends the messages in order.</summary>
    protected abstract Task PutLogEventsAsync(string group, string stream, IReadOnlyList<string> messages);

    public async Task InitializeAsync() => Logs = await CreateLogsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_stream_reads_back_in_order_and_the_forward_token_is_stable_at_the_end()
    {
        await PutLogEventsAsync(Group, "ecs/app/task1", ["starting", "migrating", "done"]);

        var page = await Logs.GetLogEventsAsync(Group, "ecs/app/task1", null, true, CancellationToken.None);
        var again = await Logs.GetLogEventsAsync(Group, "ecs/app/task1", page.NextToken, true, CancellationToken.None);

        Assert.Equal(["starting", "migrating", "done"], page.Events.Select(e => e.Message));
        Assert.Empty(again.Events);
        Assert.Equal(page.NextToken, again.NextToken);
    }

    [Fact]
    public async Task New_events_appear_after_the_forward_token()
    {
        await PutLogEventsAsync(Group, "s", ["one"]);
        var first = await Logs.GetLogEventsAsync(Group, "s", null, true, CancellationToken.None);
        await PutLogEventsAsync(Group, "s", ["two"]);

        var next = await Logs.GetLogEventsAsync(Group, "s", first.NextToken, true, CancellationToken.None);

        Assert.Equal(["two"], next.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task Filter_reads_streams_with_a_prefix()
    {
        await PutLogEventsAsync(Group, "ecs/app/a", ["from a"]);
        await PutLogEventsAsync(Group, "ecs/app/b", ["from b"]);
        await PutLogEventsAsync(Group, "other/x", ["elsewhere"]);

        var page = await Logs.FilterLogEventsAsync(Group, "ecs/app/", null, null, CancellationToken.None);

        Assert.Equal(["from a", "from b"], page.Events.Select(e => e.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_missing_group_is_resource_not_found()
    {
        var e = await Assert.ThrowsAnyAsync<AwsApiException>(() =>
            Logs.GetLogEventsAsync("/contract/missing-" + Guid.NewGuid().ToString("N"), "s", null, true, CancellationToken.None));
        Assert.Equal("ResourceNotFoundException", e.Code);
    }
}
