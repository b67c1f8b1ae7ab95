using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Jobs;

/// <summary>What the Job needs of an ECS task (DescribeTasks shape): its state, the Job's container's exit code, why it
/// stopped, and every container's state for reference.</summary>
/// <param name="ContainerExited">The Job's container has stopped while ECS has not begun to stop the task (its other
/// containers, e.g. a web server or a log router, are still running): the run is over.</param>
public sealed partial record StoppedTask(
    string TaskArn,
    string LastStatus,
    int? ExitCode,
    string? StopCode,
    string? StoppedReason,
    string? ContainerReason,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    bool ContainerExited = false,
    IReadOnlyList<JobContainer>? Containers = null)
{
    private const string FinishedMarker = " finished: its container ";

    public bool IsStopped => LastStatus is "STOPPED" or "DELETED";

    /// <summary>True when the run has ended: the task stopped, or the Job's container exited inside a running task.</summary>
    public bool IsOver => IsStopped || ContainerExited;

    /// <summary>Reads a task. <paramref name="container"/> is the Job's container; null = the first one.</summary>
    public static StoppedTask From(JsonObject task, string? container)
    {
        var containers = task.Arr("containers").Objects().ToList();
        var main = (container is null ? null : containers.FirstOrDefault(c => c.Str("name") == container)) ?? containers.FirstOrDefault();
        var stopping = task.Str("desiredStatus") is "STOPPED" || task.Str("stopCode") is not null;
        return new StoppedTask(
            task.Str("taskArn") ?? "",
            task.Str("lastStatus") ?? "PROVISIONING",
            main.Int("exitCode"),
            task.Str("stopCode"),
            task.Str("stoppedReason"),
            main.Str("reason"),
            Model.EcsTime.Read(task["startedAt"]),
            Model.EcsTime.Read(task["stoppedAt"]),
            ContainerExited: !stopping && main.Str("lastStatus") is "STOPPED",
            Containers: [.. containers.Select(c => new JobContainer(c.Str("name") ?? "", c.Str("lastStatus"), c.Int("exitCode"), c.Str("reason")))]);
    }

    /// <summary>The StopTask reason when the Job's container has exited and the operator stops the rest of the task.</summary>
    public static string FinishedReason(ResourceKey job, string container, int? exitCode) =>
        $"ecs-operator: Job {job.Namespace}/{job.Name}{FinishedMarker}{container} exited"
        + (exitCode is { } code ? " with code " + code.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>How the run ended (only meaningful once <see cref="IsOver"/>).</summary>
    public RunOutcome Classify()
    {
        if (StopCode is "TerminationNotice" or "SpotInterruption" || (StoppedReason is { } r && HostGone().IsMatch(r)))
            return RunOutcome.HostLost;
        if (ExitCode == 0) return RunOutcome.Succeeded;
        // The operator's own stop after the Job's container exited is not a user's stop: the exit code decides.
        if (StopCode is "UserInitiated" && !(StoppedReason?.Contains(FinishedMarker, StringComparison.Ordinal) ?? false)) return RunOutcome.Stopped;
        return ExitCode is not null ? RunOutcome.NonZeroExit : RunOutcome.FailedToStart;
    }

    [GeneratedRegex(@"\binstance\b.*\b(terminat|stopp|reclaim|interrupt)|\bspot\b.*\b(interrupt|reclaim)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostGone();
}

/// <summary>One container of a Job's task as ECS reported it.</summary>
public sealed record JobContainer(string Name, string? LastStatus, int? ExitCode, string? Reason);
