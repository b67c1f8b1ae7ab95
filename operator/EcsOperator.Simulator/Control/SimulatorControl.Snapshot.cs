using System.Text.Json.Nodes;

namespace EcsOperator.Simulator;

/// <summary>One ECS service as the simulator holds it (for invariant checks; no API call, no fault, no throttle).</summary>
public sealed record SimServiceView(string Cluster, string Name, string Status, string TaskDefinitionArn, int DesiredCount,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>One task as the simulator holds it.</summary>
public sealed record SimTaskView(string Cluster, string Arn, string? StartedBy, string? ServiceName, string LastStatus,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>What an outside checker sees of the simulated account at one instant.</summary>
public sealed record SimSnapshot(
    IReadOnlyList<SimServiceView> Services,
    IReadOnlyList<SimTaskView> Tasks,
    IReadOnlyDictionary<string, int> RevisionsByFamily,
    IReadOnlyDictionary<string, string> ImageByTaskDefinition);

public sealed partial class SimulatorControl
{
    /// <summary>Every service, task and task-definition revision, read under the world lock (runs due transitions first).</summary>
    public SimSnapshot Snapshot() => Locked(() =>
    {
        var state = _world.State;
        var services = state.Clusters.Values.SelectMany(c => c.Services.Values.Select(s =>
            new SimServiceView(c.Name, s.Name, s.Status, s.TaskDefinitionArn, s.DesiredCount, Tags(s.Tags)))).ToList();
        var tasks = state.Clusters.Values.SelectMany(c => c.Tasks.Values.Select(t =>
            new SimTaskView(c.Name, t.Arn, t.StartedBy, t.ServiceName, t.LastStatus, Tags(t.Tags)))).ToList();
        var revisions = state.Families.ToDictionary(f => f.Key, f => f.Value.Count, StringComparer.Ordinal);
        var images = state.Families.Values.SelectMany(f => f).ToDictionary(td => td.Arn,
            td => td.Body["containerDefinitions"]?.AsArray().FirstOrDefault()?["image"]?.GetValue<string>() ?? "", StringComparer.Ordinal);
        return new SimSnapshot(services, tasks, revisions, images);
    });

    private static Dictionary<string, string> Tags(JsonArray tags)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in tags.OfType<JsonObject>())
        {
            if (t["key"]?.GetValue<string>() is { } k) map[k] = t["value"]?.GetValue<string>() ?? "";
        }
        return map;
    }
}
