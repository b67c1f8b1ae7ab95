using System.Globalization;
using System.Text.Json.Nodes;

namespace EcsOperator.Simulator;

/// <summary>
/// What a simulated task's main container does. Any member left null falls back to the next source: an explicit
/// per-task setting, then per-family setting (<see cref="SimulatorControl"/>), then the task's tags, then the service's
/// tags, then defaults (exit code 0; services run until stopped; standalone tasks run a few seconds; healthy).
/// </summary>
public sealed record WorkloadBehavior
{
    public const string ExitCodeTag = "simulator.ecs.operator/exit-code";
    public const string RunSecondsTag = "simulator.ecs.operator/run-seconds";
    public const string LogTag = "simulator.ecs.operator/log";
    public const string HealthyTag = "simulator.ecs.operator/healthy";

    /// <summary>Exit code of the essential container when it exits by itself.</summary>
    public int? ExitCode { get; init; }

    /// <summary>How long the task runs after reaching RUNNING before it exits by itself.</summary>
    public TimeSpan? RunFor { get; init; }

    /// <summary>True when the task should run until stopped (overrides any run time).</summary>
    public bool? RunForever { get; init; }

    /// <summary>Lines the main container prints when it starts.</summary>
    public IReadOnlyList<string>? LogLines { get; init; }

    /// <summary>False: the task crashes soon after reaching RUNNING (a crash loop for services; fails rollouts).</summary>
    public bool? Healthy { get; init; }

    /// <summary>When set, the task never starts: it stops from PENDING with stopCode TaskFailedToStart and this reason
    /// (e.g. "CannotPullContainerError: pull image manifest has been retried 5 time(s)").</summary>
    public string? StartFailure { get; init; }

    /// <summary>Value equality, log lines compared element by element.</summary>
    public bool Equals(WorkloadBehavior? other) =>
        other is not null && ExitCode == other.ExitCode && RunFor == other.RunFor && RunForever == other.RunForever
        && Healthy == other.Healthy && StartFailure == other.StartFailure
        && (LogLines is null ? other.LogLines is null : other.LogLines is not null && LogLines.SequenceEqual(other.LogLines, StringComparer.Ordinal));

    public override int GetHashCode() => HashCode.Combine(ExitCode, RunFor, RunForever, Healthy, StartFailure, LogLines?.Count);

    /// <summary>Members set here win; unset ones come from <paramref name="fallback"/>.</summary>
    public WorkloadBehavior Over(WorkloadBehavior? fallback) => fallback is null ? this : new WorkloadBehavior
    {
        ExitCode = ExitCode ?? fallback.ExitCode,
        RunFor = RunFor ?? fallback.RunFor,
        RunForever = RunForever ?? (RunFor is not null ? false : fallback.RunForever),
        LogLines = LogLines ?? fallback.LogLines,
        Healthy = Healthy ?? fallback.Healthy,
        StartFailure = StartFailure ?? fallback.StartFailure,
    };

    /// <summary>Reads the simulator tags from an ECS <c>tags</c> array ([{key, value}]); bad values are ignored.</summary>
    public static WorkloadBehavior? FromTags(JsonArray? tags)
    {
        if (tags is null || tags.Count == 0) return null;
        int? exit = null; TimeSpan? run = null; IReadOnlyList<string>? log = null; bool? healthy = null;
        var any = false;
        foreach (var t in tags.OfType<JsonObject>())
        {
            var key = t["key"] is JsonValue k && k.TryGetValue<string>(out var ks) ? ks : null;
            var value = t["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (key is null || value is null) continue;
            switch (key)
            {
                case ExitCodeTag when int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var e):
                    exit = e; any = true; break;
                case RunSecondsTag when double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var secs) && secs >= 0:
                    run = TimeSpan.FromSeconds(secs); any = true; break;
                case LogTag:
                    log = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal)
                        .Split('\n').Where(l => l.Length > 0).ToArray();
                    any = true; break;
                case HealthyTag when bool.TryParse(value.Trim(), out var h):
                    healthy = h; any = true; break;
            }
        }
        return any ? new WorkloadBehavior { ExitCode = exit, RunFor = run, LogLines = log, Healthy = healthy } : null;
    }
}
