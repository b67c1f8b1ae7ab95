using EcsOperator.Core.Aws;

namespace EcsOperator.Simulator;

/// <summary>Reads the logs a persisted simulator wrote under its state directory, without running the simulation
/// (for ecsctl in another process than the operator).</summary>
public sealed class SimulatedLogsReader(string simulatorStateDirectory) : ILogsApi
{
    private readonly Logs.LogStore _store = new(simulatorStateDirectory);

    public Task<LogEventsPage> GetLogEventsAsync(string logGroupName, string logStreamName, string? nextToken, bool startFromHead, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Logs.LogQueries.Get(_store, logGroupName, logStreamName, nextToken, startFromHead));
    }

    public Task<LogEventsPage> FilterLogEventsAsync(string logGroupName, string? logStreamNamePrefix, DateTimeOffset? startTime, string? nextToken, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Logs.LogQueries.Filter(_store, logGroupName, logStreamNamePrefix, startTime, nextToken));
    }
}
