using EcsOperator.Core.Resources;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Registered task definition {Arn}")]
    public static partial void Registered(ILogger logger, string arn);

    [LoggerMessage(2002, LogLevel.Information, "Created service {Service} in {Cluster}")]
    public static partial void ServiceCreated(ILogger logger, string service, string cluster);

    [LoggerMessage(2003, LogLevel.Information, "Updated service {Service}: {Fields}")]
    public static partial void ServiceUpdated(ILogger logger, string service, string fields);

    [LoggerMessage(2004, LogLevel.Warning, "Drift on {Service}: {What}")]
    public static partial void Drift(ILogger logger, string service, string what);

    [LoggerMessage(2005, LogLevel.Information, "Deleted service {Service} in {Cluster}")]
    public static partial void ServiceDeleted(ILogger logger, string service, string cluster);

    [LoggerMessage(2006, LogLevel.Warning, "Mass deletion blocked in {Cluster}: {Orphans} of {Managed} managed services would be deleted")]
    public static partial void MassDeletionBlocked(ILogger logger, string cluster, int orphans, int managed);

    [LoggerMessage(2007, LogLevel.Warning, "Service {Service} is not ours: {Message}")]
    public static partial void Conflict(ILogger logger, string service, string message);

    [LoggerMessage(2012, LogLevel.Warning, "Task definition family {Family} is not ours: {Message}")]
    public static partial void FamilyConflict(ILogger logger, string family, string message);

    [LoggerMessage(2008, LogLevel.Information, "Deregistered task definition {Arn}")]
    public static partial void Deregistered(ILogger logger, string arn);

    [LoggerMessage(2009, LogLevel.Warning, "Rollout of {Arn} was rolled back")]
    public static partial void RolledBack(ILogger logger, string arn);

    [LoggerMessage(2010, LogLevel.Warning, "Service {Service} in {Cluster} belongs to an App that is not in the store (an orphan); left alone")]
    public static partial void Orphan(ILogger logger, string service, string cluster);

    [LoggerMessage(2011, LogLevel.Information, "Deletion of {Key} finished: its ECS objects are removed and so is its item")]
    public static partial void Finalized(ILogger logger, ResourceKey key);

    [LoggerMessage(2040, LogLevel.Warning, "Service {Service} in {Cluster} was created by the operator of another store (epoch {Epoch}); not deleted")]
    public static partial void OtherEpoch(ILogger logger, string service, string cluster, string epoch);
}
