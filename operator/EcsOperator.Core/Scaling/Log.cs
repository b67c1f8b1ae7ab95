using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Scaling;

internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "desired count {From} -> {To} ({Reason})")]
    public static partial void Scaled(ILogger logger, int from, int to, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "desired count changed outside the policy: {Expected} -> {Live}")]
    public static partial void ExternalChange(ILogger logger, int expected, int live);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "queue {QueueUrl} could not be read: {Error}")]
    public static partial void QueueReadFailed(ILogger logger, string queueUrl, string error);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "scaling held: {Message}")]
    public static partial void Held(ILogger logger, string message);
}
