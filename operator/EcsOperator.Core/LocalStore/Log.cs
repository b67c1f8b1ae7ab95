using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.LocalStore;

internal static partial class Log
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Local store: ignoring {Path}: its name is not <Kind>.<namespace>.<name>.yaml")]
    public static partial void IgnoredFile(ILogger logger, string path);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Local store: cannot read {Path}: {Error}; reporting it as an invalid manifest")]
    public static partial void UnreadableManifest(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Local store: sidecar {Path} is unreadable; treating the item as written by hand")]
    public static partial void CorruptSidecar(ILogger logger, string path);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Local store: file watcher failed ({Error}); relying on polling")]
    public static partial void WatcherFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Local queue: message file {Path} is unreadable; moving it to the dead-letter queue")]
    public static partial void CorruptMessage(ILogger logger, string path);
}
