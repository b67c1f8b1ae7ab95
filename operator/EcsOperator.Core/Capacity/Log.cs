using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Capacity;

internal static partial class Log
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "{Action} {Instances} ({Reason})")]
    public static partial void PoolAction(ILogger logger, string action, string instances, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Auto Scaling group {Group} not found")]
    public static partial void GroupNotFound(ILogger logger, string group);
}
