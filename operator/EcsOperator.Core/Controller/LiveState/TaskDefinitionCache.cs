using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Controller.LiveState;

/// <summary>
/// Task definition revisions by ARN. A revision's content never changes once registered, so it is described once and
/// kept (bounded); a steady-state pass therefore reads no task definitions at all.
/// </summary>
public sealed class TaskDefinitionCache(IEcsApi ecs, int capacity = 20_000)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long clock;

    /// <summary>The revision's normalised form as compact JSON (computed once per revision), or null when ECS does not know it.</summary>
    public async Task<(string Normalized, IReadOnlyDictionary<string, string> Tags)?> GetNormalizedAsync(string arn, CancellationToken ct)
    {
        if (await GetAsync(arn, ct) is null || !entries.TryGetValue(arn, out var e)) return null;
        e.Normalized ??= Diff.TaskDefinitionNormalizer.Normalize(e.TaskDefinition).ToJsonString();
        e.TagMap ??= e.Tags.Objects().Where(t => t.Str("key") is not null)
            .GroupBy(t => t.Str("key")!).ToDictionary(g => g.Key, g => g.Last().Str("value") ?? "", StringComparer.Ordinal);
        return (e.Normalized, e.TagMap);
    }

    /// <summary>The revision and its tags, or null when ECS does not know it.</summary>
    public async Task<(JsonObject TaskDefinition, JsonArray Tags)?> GetAsync(string arn, CancellationToken ct)
    {
        if (entries.TryGetValue(arn, out var hit))
        {
            hit.Used = Interlocked.Increment(ref clock);
            return (hit.TaskDefinition, hit.Tags);
        }
        var described = await ecs.DescribeTaskDefinitionAsync(arn, ct);
        if (described is not { } d) return null;
        Put(d.TaskDefinition, d.Tags);
        return d;
    }

    /// <summary>Remembers a revision just registered (RegisterTaskDefinition returns it whole).</summary>
    public void Put(JsonObject taskDefinition, JsonArray tags)
    {
        if (taskDefinition.Str("taskDefinitionArn") is not { } arn) return;
        entries[arn] = new Entry(taskDefinition, tags) { Used = Interlocked.Increment(ref clock) };
        if (entries.Count > capacity)
        {
            foreach (var old in entries.OrderBy(e => e.Value.Used).Take(entries.Count - capacity * 9 / 10).ToList())
                entries.TryRemove(old.Key, out _);
        }
    }

    private sealed class Entry(JsonObject taskDefinition, JsonArray tags)
    {
        public JsonObject TaskDefinition { get; } = taskDefinition;
        public JsonArray Tags { get; } = tags;
        public long Used;
        public string? Normalized;
        public Dictionary<string, string>? TagMap;
    }
}
