using Microsoft.Extensions.Logging;

namespace EcsOperator.Simulator;

internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Simulator state loaded from {Directory}: {Clusters} clusters, {Services} services, {Tasks} tasks")]
    public static partial void StateLoaded(ILogger logger, string directory, int clusters, int services, int tasks);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Simulator state file {Path} was unreadable; kept aside as {Backup} and started empty")]
    public static partial void StateCorrupt(ILogger logger, string path, string backup);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Saving simulator state to {Directory} failed; will retry on the next change")]
    public static partial void SaveFailed(ILogger logger, Exception exception, string directory);
}
