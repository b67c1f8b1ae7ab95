using Microsoft.Extensions.Logging;

namespace EcsOperator.Aws.Notifications;

internal static partial class Log
{
    [LoggerMessage(EventId = 7901, Level = LogLevel.Debug, Message = "notified {Target} of {Reason} on {Key}")]
    public static partial void Sent(ILogger logger, string target, string reason, string key);

    [LoggerMessage(EventId = 7902, Level = LogLevel.Warning, Message = "notification of {Reason} on {Key} to {Target} failed: {Why}")]
    public static partial void Failed(ILogger logger, string target, string reason, string key, string why);

    [LoggerMessage(EventId = 7903, Level = LogLevel.Warning, Message = "notification of {Reason} on {Key} to {Target} dropped: {Why}")]
    public static partial void Dropped(ILogger logger, string target, string reason, string key, string why);

    [LoggerMessage(EventId = 7904, Level = LogLevel.Warning, Message = "could not record that a notification failed")]
    public static partial void RecordFailed(ILogger logger, Exception e);

    [LoggerMessage(EventId = 7905, Level = LogLevel.Debug, Message = "notification to {Target}: attempt {Attempt} failed ({Why}); retrying in {DelayMs:F0} ms")]
    public static partial void Retrying(ILogger logger, string target, int attempt, string why, double delayMs);
}
