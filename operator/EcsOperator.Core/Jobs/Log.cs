using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Jobs;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "run {Run} launched as {TaskArn}")]
    public static partial void Launched(ILogger logger, int run, string taskArn);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "run {Run} adopted existing task {TaskArn}")]
    public static partial void Adopted(ILogger logger, int run, string taskArn);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "ECS could not place run {Run}: {Reason}")]
    public static partial void PlacementFailed(ILogger logger, int run, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "{Phase} ({Reason}) {Message}")]
    public static partial void Transition(ILogger logger, string phase, string? reason, string? message);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "throttled by ECS, retrying in {Delay}")]
    public static partial void Throttled(ILogger logger, TimeSpan delay);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "the Job was deleted; stopped {Count} running task(s)")]
    public static partial void StoppedForDeletedJob(ILogger logger, int count);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Information, Message = "run {Run}: container {Container} exited with code {ExitCode}; stopped the rest of its task")]
    public static partial void StoppedAfterContainer(ILogger logger, int run, string container, int? exitCode);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "queue message {MessageId}: accepted as {Key}")]
    public static partial void Accepted(ILogger logger, string messageId, ResourceKey key);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "queue message {MessageId}: dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "job queue intake failed; retrying")]
    public static partial void IntakeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "created {Job} for the slot {Slot:O}")]
    public static partial void CronRun(ILogger logger, string job, DateTimeOffset slot);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "skipped the slot {Slot:O}: {Why}")]
    public static partial void CronSkipped(ILogger logger, DateTimeOffset slot, string why);

    [LoggerMessage(EventId = 6030, Level = LogLevel.Information, Message = "pre-deploy hook {Hook} runs as {Job}")]
    public static partial void HookStarted(ILogger logger, string hook, ResourceKey job);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Information, Message = "deleted {Job}, a hook Job of an older rollout")]
    public static partial void HookJobPruned(ILogger logger, ResourceKey job);
}
