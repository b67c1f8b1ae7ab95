using System.Text.Json.Nodes;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// A Job's progress, exactly what its <c>status</c> holds. The uid and the current run are written before the run's
/// first RunTask, so the tokens of a launch are known again after a crash.
/// </summary>
/// <param name="Uid">Identity of this incarnation of the Job (tokens derive from it).</param>
/// <param name="Run">The current run (1-based; every launch of a task, re-runs after host loss included).</param>
/// <param name="LaunchTry">RunTask tries of the current run (placement failures retry with the next try).</param>
/// <param name="NextLaunchAt">Earliest time for the next RunTask (placement or failure backoff).</param>
/// <param name="Failures">Runs that failed and count against backoffLimit.</param>
/// <param name="HostRetries">Runs re-launched because their host went away (not counted).</param>
/// <param name="PlacementRetries">RunTask calls that ECS could not place, over the Job's life.</param>
public sealed record JobState(
    string Uid,
    string Phase,
    long ObservedGeneration,
    int Run,
    int LaunchTry,
    DateTimeOffset? NextLaunchAt,
    int Failures,
    int HostRetries,
    int PlacementRetries,
    string? Cluster,
    string? TaskDefinitionArn,
    string? Container,
    DateTimeOffset StartTime,
    DateTimeOffset? CompletionTime,
    int? ExitCode,
    string? StopCode,
    string? StoppedReason,
    string? Reason,
    string? Message,
    IReadOnlyList<JobRun> Runs)
{
    /// <summary>A Job just accepted: no run yet.</summary>
    public static JobState New(string uid, long generation, DateTimeOffset now) =>
        new(uid, JobPhases.Pending, generation, 1, 1, null, 0, 0, 0, null, null, null, now, null, null, null, null, null, null, []);

    public bool IsFinished => JobPhases.IsFinished(Phase);

    /// <summary>The record of the current run, or null before its task exists.</summary>
    public JobRun? Current => Runs.LastOrDefault(r => r.Run == Run);

    /// <summary>Task ARNs of every run, oldest first.</summary>
    public IEnumerable<string> TaskArns => Runs.Select(r => r.TaskArn).OfType<string>();

    /// <summary>Replaces (or adds) the record of a run.</summary>
    public JobState WithRun(JobRun run) =>
        this with { Runs = [.. Runs.Where(r => r.Run != run.Run), run] };

    public JobState Finish(string phase, string reason, string message, DateTimeOffset now) =>
        this with { Phase = phase, Reason = reason, Message = message, CompletionTime = now, NextLaunchAt = null };

    /// <summary>The Job's status record.</summary>
    public JobStatus ToStatus() => JobStatusMapping.ToStatus(this);

    /// <summary>The state a status record holds; null when there is none or it is not a Job status.</summary>
    public static JobState? FromStatus(JobStatus? status) => JobStatusMapping.FromStatus(status);

    /// <summary>The state a stored status holds; null when there is none or it is not a Job status.</summary>
    public static JobState? FromJson(JsonObject? status) => FromStatus(StatusJson.Read<JobStatus>(status));
}
