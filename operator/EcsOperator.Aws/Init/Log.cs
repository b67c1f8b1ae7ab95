using Microsoft.Extensions.Logging;

namespace EcsOperator.Aws.Init;

internal static partial class Log
{
    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "init: {Type} {Name} {Outcome}")]
    public static partial void Initialized(ILogger logger, string type, string name, InitOutcome outcome);
}
