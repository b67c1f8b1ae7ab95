using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Controller;

internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Store resync failed; retrying in {Wait}")]
    public static partial void ResyncFailed(ILogger logger, Exception e, TimeSpan wait);

    [LoggerMessage(1002, LogLevel.Warning, "Store watch failed; restarting it")]
    public static partial void WatchFailed(ILogger logger, Exception e);

    [LoggerMessage(1003, LogLevel.Debug, "Reconciled in {ElapsedMs} ms, requeue after {RequeueAfter}")]
    public static partial void Reconciled(ILogger logger, double elapsedMs, TimeSpan? requeueAfter);

    [LoggerMessage(1004, LogLevel.Warning, "Reconcile failed (attempt {Attempt}); retrying with backoff: {Message}")]
    public static partial void ReconcileFailed(ILogger logger, Exception e, int attempt, string message);

    [LoggerMessage(1005, LogLevel.Warning, "Reconcile timed out after {Timeout}; retrying with backoff")]
    public static partial void ReconcileTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(1006, LogLevel.Warning, "Terminal error {Reason}: {Message}; waiting for a new manifest")]
    public static partial void Terminal(ILogger logger, string reason, string message);

    [LoggerMessage(1007, LogLevel.Warning, "Could not record the terminal condition; retrying")]
    public static partial void TerminalRecordFailed(ILogger logger, Exception e);

    [LoggerMessage(1008, LogLevel.Information, "Controller started: {Workers} workers for {Kinds}")]
    public static partial void Started(ILogger logger, int workers, string kinds);

    [LoggerMessage(1009, LogLevel.Information, "Controller stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(1010, LogLevel.Warning, "Orphan search failed")]
    public static partial void OrphanSearchFailed(ILogger logger, Exception e);

    [LoggerMessage(1011, LogLevel.Information, "Found {Key} owning live resources but absent from the store")]
    public static partial void OrphanFound(ILogger logger, ResourceKey key);

    [LoggerMessage(1012, LogLevel.Warning, "Blocked: {Missing} does not exist; retrying in {Wait}: {Message}")]
    public static partial void MissingResource(ILogger logger, string missing, TimeSpan wait, string message);

    [LoggerMessage(1013, LogLevel.Warning, "Status of {Bytes} bytes cannot be written; recording StatusTooLarge: {Message}")]
    public static partial void StatusTooLarge(ILogger logger, int bytes, string message);

    [LoggerMessage(1018, LogLevel.Information, "Store watch re-established; the listing found {Count} change(s) it had missed")]
    public static partial void WatchGapRecovered(ILogger logger, int count);
}
