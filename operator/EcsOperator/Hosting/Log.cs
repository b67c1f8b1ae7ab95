using Microsoft.Extensions.Logging;

namespace EcsOperator.Hosting;

internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "{Identity} became the leader")]
    public static partial void BecameLeader(ILogger logger, string identity);

    [LoggerMessage(3002, LogLevel.Warning, "{Identity} lost the lease to {Holder}; reconciling stops")]
    public static partial void LostLease(ILogger logger, string identity, string holder);

    [LoggerMessage(3003, LogLevel.Warning, "Lease renewal failed; retrying")]
    public static partial void LeaseError(ILogger logger, Exception e);

    [LoggerMessage(3004, LogLevel.Information, "Standing by: {Holder} holds the lease")]
    public static partial void StandingBy(ILogger logger, string holder);

    [LoggerMessage(3005, LogLevel.Information, "Serving /healthz, /readyz and /metrics on {Url}")]
    public static partial void Serving(ILogger logger, string url);

    [LoggerMessage(3006, LogLevel.Error, "The controller stopped unexpectedly; restarting it")]
    public static partial void ControllerCrashed(ILogger logger, Exception e);

    [LoggerMessage(3050, LogLevel.Information, "Store epoch {Epoch}: created objects are tagged with it; objects tagged with another store's epoch are never deleted")]
    public static partial void StoreEpoch(ILogger logger, string epoch);

    [LoggerMessage(3007, LogLevel.Information, "Simulated Spot interruption warning for {InstanceId} (annotation on {Pool})")]
    public static partial void SpotInterruptionIssued(ILogger logger, string instanceId, string pool);

    [LoggerMessage(3008, LogLevel.Warning, "The spot-interruption annotation on {Pool} ('{Value}') names no instance the simulator has: {Message}")]
    public static partial void SpotInterruptionRefused(ILogger logger, string pool, string value, string message);
}
