using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace Ecsctl.Commands;

/// <param name="Since">Only events at or after this time.</param>
/// <param name="Tail">Only the last N lines of the first read (across tasks); following then prints every new line.</param>
internal sealed record AppLogOptions(string Cluster, string ServiceName, string? Container, DateTimeOffset? Since, int? Tail, bool Local);

/// <summary>
/// <c>ecsctl logs app/NAME</c>: the container output of the service's tasks, running and recently stopped (ECS keeps
/// stopped tasks listed for about an hour), oldest task first (each task's lines together), each line prefixed by its task id. Across a rollout a
/// follow picks up the new tasks as they appear. The stream of a task is the awslogs one
/// (<c>prefix/container/task-id</c> in <c>awslogs-group</c>); locally, a container without awslogs writes where the
/// simulator puts it (<c>/ecs/FAMILY</c>, <c>ecs/container/task-id</c>).
/// </summary>
internal sealed class AppLogs(ILogsApi logs, TextWriter output, AppLogOptions options)
{
    private readonly LogStreamCursor _cursor = new(logs);
    private readonly Dictionary<string, JsonObject?> _taskDefinitions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>Prints what is new in every task's stream; returns the notes (a container without logs) to show once.</summary>
    public async Task<IReadOnlyList<string>> PumpAsync(IEcsApi ecs, bool first, CancellationToken ct)
    {
        var notes = new List<string>();
        var arns = (await ecs.ListTasksAsync(options.Cluster, ct, serviceName: options.ServiceName))
            .Concat(await ecs.ListTasksAsync(options.Cluster, ct, serviceName: options.ServiceName, desiredStatus: "STOPPED"))
            .Distinct().ToList();
        var (tasks, _) = arns.Count == 0 ? ([], []) : await ecs.DescribeTasksAsync(options.Cluster, arns, ct);
        var lines = new List<(DateTimeOffset At, string Text)>();
        foreach (var task in tasks.OrderBy(t => double.TryParse(t["createdAt"]?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0)
            .ThenBy(t => t.Str("desiredStatus") == "STOPPED" ? 0 : 1))
        {
            var id = task.Str("taskArn")!.Split('/')[^1];
            if (await StreamAsync(ecs, task, id, notes, ct) is not var (group, stream)) continue;
            var events = await _cursor.ReadNewAsync(group, stream, ct);
            lines.AddRange(events.Where(e => options.Since is not { } s || e.Timestamp >= s).Select(e => (e.Timestamp, $"{id} {e.Message}")));
        }

        // Task by task (oldest first), each in its stream's order: timestamps of different tasks' streams are not
        // comparable enough to interleave by (the awslogs driver stamps lines when it ships them).
        var ordered = lines.Select(l => l.Text);
        if (first && options.Tail is { } n) ordered = ordered.TakeLast(n);
        foreach (var l in ordered) await output.WriteLineAsync(l);
        await output.FlushAsync(ct);
        return notes;
    }

    private async Task<(string Group, string Stream)?> StreamAsync(IEcsApi ecs, JsonObject task, string id, List<string> notes, CancellationToken ct)
    {
        var arn = task.Str("taskDefinitionArn")!;
        if (!_taskDefinitions.TryGetValue(arn, out var td))
        {
            var resp = await ecs.SendAsync(EcsAction.DescribeTaskDefinition, new JsonObject { ["taskDefinition"] = arn }, ct);
            _taskDefinitions[arn] = td = resp.Obj("taskDefinition");
        }

        var containers = td.Arr("containerDefinitions").Objects().ToList();
        var def = options.Container is { } wanted
            ? containers.FirstOrDefault(c => c.Str("name") == wanted)
            : containers.FirstOrDefault(c => c.Bool("essential") != false) ?? containers.FirstOrDefault();
        if (def is null)
        {
            Note(notes, arn, $"note: {arn.Split('/')[^1]} has no container \"{options.Container}\"");
            return null;
        }

        var name = def.Str("name")!;
        var lc = def.Obj("logConfiguration");
        if (lc.Str("logDriver") == "awslogs" && lc.Obj("options") is { } o && o.Str("awslogs-group") is { Length: > 0 } group
            && o.Str("awslogs-stream-prefix") is { Length: > 0 } prefix)
        {
            return (group, $"{prefix}/{name}/{id}");
        }

        if (options.Local) return ("/ecs/" + td.Str("family"), $"ecs/{name}/{id}");
        Note(notes, arn, $"note: container {name} of {arn.Split('/')[^1]} does not log to CloudWatch Logs with awslogs-stream-prefix; its output cannot be read");
        return null;
    }

    private void Note(List<string> notes, string arn, string text)
    {
        if (_warned.Add(arn)) notes.Add(text);
    }
}
