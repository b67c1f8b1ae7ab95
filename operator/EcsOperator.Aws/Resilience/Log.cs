using Microsoft.Extensions.Logging;

namespace EcsOperator.Aws.Resilience;

internal static partial class Log
{
    [LoggerMessage(EventId = 3401, Level = LogLevel.Debug,
        Message = "AWS {Service} {Action}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs:F0} ms")]
    public static partial void Retrying(ILogger logger, string service, string action, int attempt, string reason, double delayMs);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning,
        Message = "AWS {Service} {Action}: gave up after {Attempts} attempts ({Outcome})")]
    public static partial void GaveUp(ILogger logger, string service, string action, int attempts, string outcome);
}
