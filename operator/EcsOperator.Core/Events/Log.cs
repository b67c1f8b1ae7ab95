using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Events;

internal static partial class Log
{
    [LoggerMessage(EventId = 7801, Level = LogLevel.Debug, Message = "event {Kind} {EventId} enqueued {Keys} key(s)")]
    public static partial void Routed(ILogger logger, string kind, string eventId, int keys);

    [LoggerMessage(EventId = 7802, Level = LogLevel.Information, Message = "events queue message {MessageId} dropped: {Why}")]
    public static partial void Dropped(ILogger logger, string messageId, string why);

    [LoggerMessage(EventId = 7803, Level = LogLevel.Warning, Message = "events queue unreachable, polls run at their usual intervals; retrying in {Delay}")]
    public static partial void ReceiveFailed(ILogger logger, TimeSpan delay, Exception e);

    [LoggerMessage(EventId = 7804, Level = LogLevel.Warning, Message = "events queue message {MessageId} could not be routed; left for redelivery")]
    public static partial void RouteFailed(ILogger logger, string messageId, Exception e);

    [LoggerMessage(EventId = 7805, Level = LogLevel.Warning, Message = "events queue message {MessageId} could not be deleted; it will be handled again")]
    public static partial void DeleteFailed(ILogger logger, string messageId, Exception e);
}
