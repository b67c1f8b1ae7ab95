using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Jobs;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "{Key}: run {Run} launched as {TaskArn}")]
    public static partial void Launched(ILogger logger, ResourceKey key, int run, string taskArn);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "{Key}: run {Run} adopted existing task {TaskArn}")]
    public static partial void Adopted(ILogger logger, ResourceKey key, int run, string taskArn);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "{Key}: ECS could not place run {Run}: {Reason}")]
    public static partial void PlacementFailed(ILogger logger, ResourceKey key, int run, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "{Key}: {Phase} ({Reason}) {Message}")]
    public static partial void Transition(ILogger logger, ResourceKey key, string phase, string? reason, string? message);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "{Key}: throttled by ECS, retrying in {Delay}")]
    public static partial void Throttled(ILogger logger, ResourceKey key, TimeSpan delay);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "{Key}: the Job was deleted; stopped {Count} running task(s)")]
    public static partial void StoppedForDeletedJob(ILogger logger, ResourceKey key, int count);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "queue message {MessageId}: accepted as {Key}")]
    public static partial void Accepted(ILogger logger, string messageId, ResourceKey key);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "queue message {MessageId}: dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "job queue intake failed; retrying")]
    public static partial void IntakeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "{Key}: created {Job} for the slot {Slot:O}")]
    public static partial void CronRun(ILogger logger, ResourceKey key, string job, DateTimeOffset slot);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "{Key}: skipped the slot {Slot:O}: {Why}")]
    public static partial void CronSkipped(ILogger logger, ResourceKey key, DateTimeOffset slot, string why);

    [LoggerMessage(EventId = 6030, Level = LogLevel.Information, Message = "{App}: pre-deploy hook {Hook} runs as {Job}")]
    public static partial void HookStarted(ILogger logger, ResourceKey app, string hook, ResourceKey job);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Information, Message = "{App}: deleted {Job}, a hook Job of an older rollout")]
    public static partial void HookJobPruned(ILogger logger, ResourceKey app, ResourceKey job);
}
