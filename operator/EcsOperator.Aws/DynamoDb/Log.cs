using Microsoft.Extensions.Logging;

namespace EcsOperator.Aws.DynamoDb;

internal static partial class Log
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Table {Table}: item '{Pk}' is not a resource key of the form <Kind>/<namespace>/<name>; skipped")]
    public static partial void InvalidKey(ILogger logger, string table, string pk);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Table {Table}: item '{Pk}': {Problem}")]
    public static partial void OddItem(ILogger logger, string table, string pk, string problem);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Table {Table} has no stream: changes are seen on resync only")]
    public static partial void NoStream(ILogger logger, string table);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Table {Table}: reading stream {Stream} failed; retrying")]
    public static partial void StreamFailed(ILogger logger, Exception error, string table, string stream);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Table {Table}: event item '{Pk}' is unreadable; starting it afresh")]
    public static partial void BadEvents(ILogger logger, string table, string pk);
}
