using Microsoft.Extensions.Logging;

namespace EcsOperator.Aws.Sqs;

internal static partial class Log
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Job message {MessageId} moved to dead-letter queue {DeadLetterQueue}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string deadLetterQueue, string reason);
}
