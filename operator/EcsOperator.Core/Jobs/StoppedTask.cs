using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Jobs;

/// <summary>What the Job needs of an ECS task (DescribeTasks shape): its state, the main container's exit code, why it stopped.</summary>
public sealed partial record StoppedTask(
    string TaskArn,
    string LastStatus,
    int? ExitCode,
    string? StopCode,
    string? StoppedReason,
    string? ContainerReason,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt)
{
    public bool IsStopped => LastStatus is "STOPPED" or "DELETED";

    /// <summary>Reads a task. <paramref name="container"/> is the main container; null = the first one.</summary>
    public static StoppedTask From(JsonObject task, string? container)
    {
        var containers = task.Arr("containers").Objects().ToList();
        var main = (container is null ? null : containers.FirstOrDefault(c => c.Str("name") == container)) ?? containers.FirstOrDefault();
        return new StoppedTask(
            task.Str("taskArn") ?? "",
            task.Str("lastStatus") ?? "PROVISIONING",
            main.Int("exitCode"),
            task.Str("stopCode"),
            task.Str("stoppedReason"),
            main.Str("reason"),
            ReadTime(task["startedAt"]),
            ReadTime(task["stoppedAt"]));
    }

    /// <summary>How the run ended (only meaningful once <see cref="IsStopped"/>).</summary>
    public RunOutcome Classify()
    {
        if (StopCode is "TerminationNotice" or "SpotInterruption" || (StoppedReason is { } r && HostGone().IsMatch(r)))
            return RunOutcome.HostLost;
        if (ExitCode == 0) return RunOutcome.Succeeded;
        if (StopCode is "UserInitiated") return RunOutcome.Stopped;
        return ExitCode is not null ? RunOutcome.NonZeroExit : RunOutcome.FailedToStart;
    }

    /// <summary>ECS timestamps: epoch seconds (wire JSON) or ISO-8601 text.</summary>
    public static DateTimeOffset? ReadTime(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var seconds))
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        return v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
    }

    [GeneratedRegex(@"\binstance\b.*\b(terminat|stopp|reclaim|interrupt)|\bspot\b.*\b(interrupt|reclaim)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostGone();
}
