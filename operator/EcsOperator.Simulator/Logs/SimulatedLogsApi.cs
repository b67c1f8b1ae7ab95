using EcsOperator.Core.Aws;
using EcsOperator.Simulator.Api;
using EcsOperator.Simulator.Engine;

namespace EcsOperator.Simulator.Logs;

/// <summary>CloudWatch Logs over the simulation's log store (containers' output appears as tasks run).</summary>
internal sealed class SimulatedLogsApi(SimWorld world, ApiGuard guard) : ILogsApi
{
    public async Task<LogEventsPage> GetLogEventsAsync(string logGroupName, string logStreamName, string? nextToken, bool startFromHead, CancellationToken ct)
    {
        await guard.BeforeCallAsync("GetLogEvents", ecsThrottled: false, ct);
        lock (world.Gate) world.Advance();
        return LogQueries.Get(world.Logs, logGroupName, logStreamName, nextToken, startFromHead);
    }

    public async Task<LogEventsPage> FilterLogEventsAsync(string logGroupName, string? logStreamNamePrefix, DateTimeOffset? startTime, string? nextToken, CancellationToken ct)
    {
        await guard.BeforeCallAsync("FilterLogEvents", ecsThrottled: false, ct);
        lock (world.Gate) world.Advance();
        return LogQueries.Filter(world.Logs, logGroupName, logStreamNamePrefix, startTime, nextToken);
    }
}
