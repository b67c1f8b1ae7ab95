using EcsOperator.Core.Apps;
using System.Text.Json.Nodes;
using Ecsctl.Cli;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

/// <summary>What <c>ecsctl rollout</c> reads from an App's status and writes back for an undo.</summary>
internal sealed class RolloutService(IResourceStore store, TimeProvider time, Func<LiveEcs?>? live = null)
{
    public enum Outcome { Done, Failed, Waiting }

    /// <summary>Where the App's rollout stands: done, failed (with the reason), or still going (with a progress line).</summary>
    public static (Outcome Outcome, string Message) Assess(StoredResource item)
    {
        var s = item.Status;
        var name = ResourceRefs.Display(item.Key);
        if (s is null) return (Outcome.Waiting, $"Waiting for {name}: the operator has not reported yet");
        var degraded = StatusConditions.Get(s, ConditionTypes.Degraded);
        if (degraded.Str("status") == "True" && degraded.Str("reason") is not ("CreateOnlyFieldChanged" or null))
            return (Outcome.Failed, $"{name}: {degraded.Str("reason")}: {degraded.Str("message")}");
        var counts = $"{s.Int("runningCount") ?? 0}/{s.Int("desiredCount") ?? 0} running";
        if (s.Long("observedGeneration") != item.Generation)
            return (Outcome.Waiting, $"Waiting for {name}: the operator has not seen generation {item.Generation} yet");
        var progressing = StatusConditions.Get(s, ConditionTypes.Progressing);
        if (progressing.Str("reason") == AppControls.PausedReason)
            return (Outcome.Failed, $"{name} is paused; a change waits until: ecsctl rollout resume {name}");
        if (AppRolloutState.IsRolledOut(s))
            return (Outcome.Done, $"{name} successfully rolled out {s.Str("activeTaskDefinition")} ({counts})");
        return (Outcome.Waiting, $"Waiting for {name} rollout: {counts} ({progressing.Str("reason") ?? "Pending"})");
    }

    /// <summary>Polls until the rollout is done or failed, writing each new progress line; null on timeout.</summary>
    public async Task<(Outcome, string)?> WaitAsync(ResourceKey key, TimeSpan? timeout, TextWriter progress, CancellationToken ct)
    {
        var deadline = timeout is { } t ? time.GetUtcNow() + t : (DateTimeOffset?)null;
        string? last = null;
        while (true)
        {
            var item = await store.GetAsync(key, ct) ?? throw new CommandFailedException($"{ResourceRefs.Display(key)} not found in namespace \"{key.Namespace}\"");
            var (outcome, message) = Assess(item);
            if (outcome != Outcome.Waiting) return (outcome, message);
            if (message != last) await progress.WriteLineAsync(message);
            last = message;
            if (deadline is { } d && time.GetUtcNow() >= d) return null;
            await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
        }
    }

    public static IReadOnlyList<JsonObject> Revisions(StoredResource item) => [.. item.Status.Arr("revisions").Objects()];

    /// <summary>Rewrites the App's spec.taskDefinition (and simulator annotations) as they were for an earlier revision:
    /// the given one, or the one before the newest. Returns the revision restored.</summary>
    public async Task<int> UndoAsync(ResourceKey key, int? toRevision, CancellationToken ct)
    {
        var item = await store.GetAsync(key, ct) ?? throw new CommandFailedException($"{ResourceRefs.Display(key)} not found");
        var revisions = Revisions(item);
        var target = toRevision is { } n
            ? revisions.FirstOrDefault(r => r.Int("revision") == n) ?? throw new CommandFailedException($"revision {n} is not in the history of {ResourceRefs.Display(key)}")
            : revisions.Count > 1 ? revisions[1] : throw new CommandFailedException($"{ResourceRefs.Display(key)} has no earlier revision");
        var parsed = ManifestParser.ParseSingle(item.Manifest, key.Pk);
        if (!parsed.Ok) throw new CommandFailedException($"the stored manifest is invalid: {parsed.Errors[0]}");
        var root = parsed.Documents[0].Root;
        var td = await DefinitionOfAsync(target, root.Obj("spec")?.Obj("taskDefinition"), ct);
        root["spec"]!["taskDefinition"] = td.DeepClone();
        var meta = root.Obj("metadata")!;
        var annotations = meta.Obj("annotations") ?? [];
        foreach (var k in annotations.Select(p => p.Key).Where(k => k.StartsWith("simulator.ecs.operator/", StringComparison.Ordinal)).ToList()) annotations.Remove(k);
        foreach (var (k, v) in target.Obj("annotations") ?? new JsonObject()) annotations[k] = v?.DeepClone();
        if (annotations.Count > 0) meta["annotations"] = annotations;
        else meta.Remove("annotations");
        await store.PutAsync(key, parsed.Documents[0].ToYaml(), item.Version, ct);
        return target.Int("revision") ?? 0;
    }

    /// <summary>The revision's definition, read from ECS (the status keeps only its ARN); a status written by an earlier
    /// version of the operator may still carry the definition itself.</summary>
    private async Task<JsonObject> DefinitionOfAsync(JsonObject revision, JsonObject? currentSpec, CancellationToken ct)
    {
        if (revision.Obj("taskDefinition") is { } recorded) return recorded;
        var number = revision.Int("revision");
        var arn = revision.Str("taskDefinitionArn") ?? throw new CommandFailedException($"revision {number} has no task definition ARN");
        using var ecs = live?.Invoke() ?? throw new CommandFailedException($"cannot read revision {number} ({arn}): no live ECS to read it from");
        return await AppRevisionReader.SpecOfRevisionAsync(ecs.Ecs, arn, currentSpec, ct)
            ?? throw new CommandFailedException($"revision {number} ({arn}) no longer exists in ECS");
    }
}
