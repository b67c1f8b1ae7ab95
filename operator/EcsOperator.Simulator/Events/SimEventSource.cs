using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Simulator.Ecs;
using EcsOperator.Simulator.Engine;

namespace EcsOperator.Simulator.Events;

/// <summary>
/// The EventBridge events AWS would publish for changes in the simulated world, as an SQS target receives them: ECS Task
/// State Change when a task's last or desired status changes, CloudWatch Alarm State Change when an alarm's state
/// changes. Found by comparing the world with what the previous scan saw; the first scan only learns (a restarted local
/// mode does not replay history). Callers hold the world's gate.
/// </summary>
internal sealed class SimEventSource(SimWorld world)
{
    private readonly Dictionary<string, (string Last, string Desired)> tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string State, DateTimeOffset At)> alarms = new(StringComparer.Ordinal);
    private bool primed;

    public List<string> Scan()
    {
        var raised = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in world.State.Clusters.Values)
        {
            foreach (var t in c.Tasks.Values)
            {
                seen.Add(t.Arn);
                var now = (t.LastStatus, t.DesiredStatus);
                if (tasks.TryGetValue(t.Arn, out var before) && before == now) continue;
                tasks[t.Arn] = now;
                if (primed) raised.Add(Envelope("aws.ecs", "ECS Task State Change", t.Arn, EcsRender.Task(world, t, tags: false)));
            }
        }
        foreach (var gone in tasks.Keys.Where(k => !seen.Contains(k)).ToList()) tasks.Remove(gone);
        foreach (var a in world.State.Alarms.Values)
        {
            if (alarms.TryGetValue(a.Name, out var before) && before.State == a.State) continue;
            alarms[a.Name] = (a.State, a.UpdatedAt);
            if (!primed) continue;
            raised.Add(Envelope("aws.cloudwatch", "CloudWatch Alarm State Change", $"arn:aws:cloudwatch:{world.Options.Region}:123456789012:alarm:{a.Name}", new JsonObject
            {
                ["alarmName"] = a.Name,
                ["state"] = new JsonObject { ["value"] = a.State, ["reason"] = a.Reason, ["timestamp"] = CloudWatchTime(a.UpdatedAt) },
                ["previousState"] = before.State is null ? null : new JsonObject { ["value"] = before.State, ["timestamp"] = CloudWatchTime(before.At) },
            }));
        }
        primed = true;
        return raised;
    }

    private string Envelope(string source, string detailType, string resource, JsonObject detail) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = detailType,
        ["source"] = source,
        ["account"] = "123456789012",
        ["time"] = world.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["region"] = world.Options.Region,
        ["resources"] = new JsonArray(resource),
        ["detail"] = detail,
    }.ToJsonString();

    /// <summary>CloudWatch's own format in these events: <c>2019-10-02T17:04:40.989+0000</c>.</summary>
    private static string CloudWatchTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
}
