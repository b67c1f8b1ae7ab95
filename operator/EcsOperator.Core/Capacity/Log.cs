using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Capacity;

internal static partial class Log
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "{Key}: {Action} {Instances} ({Reason})")]
    public static partial void PoolAction(ILogger logger, ResourceKey key, string action, string instances, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "{Key}: Auto Scaling group {Group} not found")]
    public static partial void GroupNotFound(ILogger logger, ResourceKey key, string group);
}
