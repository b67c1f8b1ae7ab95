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

    /// <summary>The revision's normalised form as compact JSON and its tags, or null when ECS does not know it.</summary>
    public async Task<(string Normalized, IReadOnlyDictionary<string, string> Tags)?> GetNormalizedAsync(string arn, CancellationToken ct)
    {
        if (entries.TryGetValue(arn, out var hit))
        {
            hit.Used = Interlocked.Increment(ref clock);
            return (hit.Normalized, hit.Tags);
        }
        if (await ecs.DescribeTaskDefinitionAsync(arn, ct) is not { } d) return null;
        var entry = Put(d.TaskDefinition, d.Tags);
        return entry is null ? null : (entry.Normalized, entry.Tags);
    }

    /// <summary>Remembers a revision (RegisterTaskDefinition returns it whole). Only the normalised form and the tags
    /// are kept, which is all a comparison needs.</summary>
    public void Remember(JsonObject taskDefinition, JsonArray tags) => Put(taskDefinition, tags);

    private Entry? Put(JsonObject taskDefinition, JsonArray tags)
    {
        if (taskDefinition.Str("taskDefinitionArn") is not { } arn) return null;
        var tagMap = tags.Objects().Where(t => t.Str("key") is not null)
            .GroupBy(t => t.Str("key")!).ToDictionary(g => g.Key, g => g.Last().Str("value") ?? "", StringComparer.Ordinal);
        var entry = new Entry(Diff.TaskDefinitionNormalizer.Normalize(taskDefinition).ToJsonString(), tagMap) { Used = Interlocked.Increment(ref clock) };
        entries[arn] = entry;
        if (entries.Count > capacity)
        {
            foreach (var old in entries.OrderBy(e => e.Value.Used).Take(entries.Count - capacity * 9 / 10).ToList())
                entries.TryRemove(old.Key, out _);
        }
        return entry;
    }

    private sealed class Entry(string normalized, IReadOnlyDictionary<string, string> tags)
    {
        public string Normalized { get; } = string.Intern(normalized);
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;
        public long Used;
    }
}
