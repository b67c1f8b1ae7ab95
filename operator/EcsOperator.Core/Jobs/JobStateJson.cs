using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Jobs;

/// <summary>The status document of a Job (camelCase, Kubernetes-style conditions derived from the phase).</summary>
internal static class JobStateJson
{
    public static JsonObject Write(JobState s)
    {
        var o = new JsonObject
        {
            ["observedGeneration"] = s.ObservedGeneration,
            ["uid"] = s.Uid,
            ["phase"] = s.Phase,
            ["attempts"] = s.Runs.Count(r => r.TaskArn is not null),
            ["failures"] = s.Failures,
            ["hostRetries"] = s.HostRetries,
            ["placementRetries"] = s.PlacementRetries,
            ["run"] = s.Run,
            ["launchTry"] = s.LaunchTry,
            ["startTime"] = Time(s.StartTime),
            ["taskArns"] = s.TaskArns.ToJsonArray(),
        };
        Put(o, "nextLaunchAt", s.NextLaunchAt is { } n ? Time(n) : null);
        Put(o, "cluster", s.Cluster);
        Put(o, "taskDefinitionArn", s.TaskDefinitionArn);
        Put(o, "container", s.Container);
        Put(o, "completionTime", s.CompletionTime is { } c ? Time(c) : null);
        if (s.ExitCode is { } exit) o["exitCode"] = exit;
        Put(o, "stopCode", s.StopCode);
        Put(o, "stoppedReason", s.StoppedReason);
        Put(o, "reason", s.Reason);
        Put(o, "message", s.Message);
        o["runs"] = new JsonArray(s.Runs.Select(r => (JsonNode?)WriteRun(r)).ToArray());
        o["conditions"] = Conditions(s);
        return o;
    }

    public static JobState? Read(JsonObject? o)
    {
        if (o.Str("uid") is not { Length: > 0 } uid || o.Str("phase") is not { } phase || ParseTime(o.Str("startTime")) is not { } start)
            return null;
        var runs = o.Arr("runs").Objects().Select(ReadRun).OfType<JobRun>().ToList();
        return new JobState(
            uid, phase, o.Long("observedGeneration") ?? 0, Math.Max(1, o.Int("run") ?? 1), Math.Max(1, o.Int("launchTry") ?? 1),
            ParseTime(o.Str("nextLaunchAt")), o.Int("failures") ?? 0, o.Int("hostRetries") ?? 0, o.Int("placementRetries") ?? 0,
            o.Str("cluster"), o.Str("taskDefinitionArn"), o.Str("container"), start, ParseTime(o.Str("completionTime")), o.Int("exitCode"),
            o.Str("stopCode"), o.Str("stoppedReason"), o.Str("reason"), o.Str("message"), runs);
    }

    private static JsonObject WriteRun(JobRun r)
    {
        var o = new JsonObject { ["run"] = r.Run, ["startedBy"] = r.StartedBy };
        Put(o, "taskArn", r.TaskArn);
        Put(o, "startedAt", r.StartedAt is { } a ? Time(a) : null);
        Put(o, "stoppedAt", r.StoppedAt is { } b ? Time(b) : null);
        if (r.ExitCode is { } e) o["exitCode"] = e;
        Put(o, "stopCode", r.StopCode);
        Put(o, "stoppedReason", r.StoppedReason);
        Put(o, "outcome", r.Outcome);
        Put(o, "logGroup", r.LogGroup);
        Put(o, "logStream", r.LogStream);
        if (r.Containers is { Count: > 0 } containers) o["containers"] = new JsonArray([.. containers.Select(c => (JsonNode?)WriteContainer(c))]);
        return o;
    }

    private static JsonObject WriteContainer(JobContainer c)
    {
        var o = new JsonObject { ["name"] = c.Name };
        Put(o, "lastStatus", c.LastStatus);
        if (c.ExitCode is { } e) o["exitCode"] = e;
        Put(o, "reason", c.Reason);
        return o;
    }

    private static JobRun? ReadRun(JsonObject o) =>
        o.Int("run") is { } run && o.Str("startedBy") is { } sb
            ? new JobRun(run, sb, o.Str("taskArn"), ParseTime(o.Str("startedAt")), ParseTime(o.Str("stoppedAt")), o.Int("exitCode"),
                o.Str("stopCode"), o.Str("stoppedReason"), o.Str("outcome"), o.Str("logGroup"), o.Str("logStream"),
                o["containers"] is JsonArray cs ? [.. cs.Objects().Where(c => c.Str("name") is not null)
                    .Select(c => new JobContainer(c.Str("name")!, c.Str("lastStatus"), c.Int("exitCode"), c.Str("reason")))] : null)
            : null;

    private static JsonArray Conditions(JobState s)
    {
        var list = new JsonArray();
        if (!s.IsFinished) return list;
        var type = s.Phase == JobPhases.Succeeded ? "Complete" : "Failed";
        list.Add(new JsonObject
        {
            ["type"] = type,
            ["status"] = "True",
            ["reason"] = s.Reason ?? type,
            ["message"] = s.Message ?? "",
            ["lastTransitionTime"] = Time(s.CompletionTime ?? s.StartTime),
        });
        return list;
    }

    private static void Put(JsonObject o, string name, string? value)
    {
        if (value is not null) o[name] = value;
    }

    internal static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset? ParseTime(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
