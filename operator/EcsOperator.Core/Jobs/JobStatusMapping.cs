using EcsOperator.Core.Model;

namespace EcsOperator.Core.Jobs;

/// <summary>A <see cref="JobState"/> as the Job's status record and back (conditions derived from the phase).</summary>
internal static class JobStatusMapping
{
    public static JobStatus ToStatus(JobState s) => new()
    {
        ObservedGeneration = s.ObservedGeneration,
        Phase = Enum.Parse<JobPhase>(s.Phase),
        Attempts = s.Runs.Count(r => r.TaskArn is not null),
        TaskArns = [.. s.TaskArns],
        ExitCode = s.ExitCode,
        StopCode = s.StopCode,
        StoppedReason = s.StoppedReason,
        StartTime = s.StartTime,
        CompletionTime = s.CompletionTime,
        Uid = s.Uid,
        Run = s.Run,
        LaunchTry = s.LaunchTry,
        NextLaunchAt = s.NextLaunchAt,
        Failures = s.Failures,
        HostRetries = s.HostRetries,
        PlacementRetries = s.PlacementRetries,
        Cluster = s.Cluster,
        TaskDefinitionArn = s.TaskDefinitionArn,
        Container = s.Container,
        Reason = s.Reason,
        Message = s.Message,
        Runs = [.. s.Runs.Select(ToStatus)],
        Conditions = ConditionsOf(s),
    };

    /// <summary>The state a status holds; null when it is not a Job's status (no uid or start time, e.g. only the
    /// runtime's terminal condition).</summary>
    public static JobState? FromStatus(JobStatus? s) =>
        s is { Uid: { Length: > 0 } uid, StartTime: { } start }
            ? new JobState(
                uid, s.Phase.ToString(), s.ObservedGeneration, Math.Max(1, s.Run), Math.Max(1, s.LaunchTry), s.NextLaunchAt,
                s.Failures, s.HostRetries, s.PlacementRetries, s.Cluster, s.TaskDefinitionArn, s.Container, start, s.CompletionTime,
                s.ExitCode, s.StopCode, s.StoppedReason, s.Reason, s.Message, [.. s.Runs.Select(FromStatus)])
            : null;

    private static JobRunStatus ToStatus(JobRun r) => new()
    {
        Run = r.Run,
        StartedBy = r.StartedBy,
        TaskArn = r.TaskArn,
        StartedAt = r.StartedAt,
        StoppedAt = r.StoppedAt,
        ExitCode = r.ExitCode,
        StopCode = r.StopCode,
        StoppedReason = r.StoppedReason,
        Outcome = r.Outcome,
        LogGroup = r.LogGroup,
        LogStream = r.LogStream,
        Containers = r.Containers is { Count: > 0 } cs
            ? [.. cs.Select(c => new JobContainerStatus { Name = c.Name, LastStatus = c.LastStatus, ExitCode = c.ExitCode, Reason = c.Reason })]
            : null,
    };

    private static JobRun FromStatus(JobRunStatus r) =>
        new(r.Run, r.StartedBy, r.TaskArn, r.StartedAt, r.StoppedAt, r.ExitCode, r.StopCode, r.StoppedReason, r.Outcome, r.LogGroup, r.LogStream,
            r.Containers is { } cs ? [.. cs.Select(c => new JobContainer(c.Name, c.LastStatus, c.ExitCode, c.Reason))] : null);

    /// <summary>A finished Job has one condition, Complete or Failed, that turned True when it finished.</summary>
    private static IReadOnlyList<Condition> ConditionsOf(JobState s)
    {
        if (!s.IsFinished) return [];
        var type = s.Phase == JobPhases.Succeeded ? ConditionTypes.Complete : ConditionTypes.Failed;
        return Array.Empty<Condition>().Set(type, true, s.Reason ?? type, s.Message ?? "", s.CompletionTime ?? s.StartTime);
    }
}
