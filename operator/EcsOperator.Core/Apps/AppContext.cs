using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Apps;

/// <summary>Everything one reconcile of one App knows: the parsed document and the status being built.</summary>
internal sealed class AppContext
{
    public required ResourceKey Key { get; init; }
    public required StoredResource Item { get; init; }
    public required ResourceDocument Doc { get; init; }
    public required AppSpec Spec { get; init; }
    public required string Cluster { get; init; }
    public required string ServiceName { get; init; }
    public required string Family { get; init; }
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }
    public required DateTimeOffset Now { get; init; }
    /// <summary>The status being built, from the one stored; written once at the end of the pass.</summary>
    public required AppStatus Status { get; set; }

    public long Generation => Item.Generation;

    /// <summary>spec.ignoreDifferences, parsed: what drift comparison and updates leave alone.</summary>
    public IReadOnlyList<Diff.IgnorePath> Ignored => ignored ??= Diff.IgnoreRules.ParseAll(Spec.IgnoreDifferences, Diff.IgnoreRules.AppRoots);

    private IReadOnlyList<Diff.IgnorePath>? ignored;

    /// <summary>The status says this generation was already applied once (differences now are drift).</summary>
    public bool SeenBefore => Status.ObservedGeneration == Generation;

    /// <summary>The annotation <see cref="AppTags.AdoptAnnotation"/> asks to take over an existing service or family.</summary>
    public bool Adopting => Annotations.GetValueOrDefault(AppTags.AdoptAnnotation) == "true";

    /// <summary>The annotation <see cref="AppControls.PausedAnnotation"/> holds a change of task definition back.</summary>
    public bool Paused =>
        Annotations.TryGetValue(AppControls.PausedAnnotation, out var v) && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>simulator.ecs.operator/</c> annotations, in key order: copied onto the service and the task definition.</summary>
    public IEnumerable<KeyValuePair<string, string>> SimulatorAnnotations =>
        Annotations.Where(a => a.Key.StartsWith(AppTags.SimulatorPrefix, StringComparison.Ordinal)).OrderBy(a => a.Key, StringComparer.Ordinal);

    /// <summary>Sets one condition of the status being built (the time changes only when its value does).</summary>
    public void SetCondition(string type, bool value, string reason, string message) =>
        Status = Status with { Conditions = Status.Conditions.Set(type, value, reason, message, Now) };

    /// <summary>The App cannot go on until something changes: Degraded and not Progressing, with <paramref name="reason"/>.</summary>
    public void SetBlocked(string reason, string message)
    {
        SetCondition(ConditionTypes.Degraded, true, reason, message);
        SetCondition(ConditionTypes.Progressing, false, reason, message);
    }

    /// <summary>Records in status that a rollout of <paramref name="targetArn"/> starts now.</summary>
    public void StartRollout(string targetArn) => Status = Status with
    {
        Rollout = new AppRollout { TargetTaskDefinition = targetArn, Generation = Generation, StartedAt = Now, State = AppRolloutPhase.InProgress },
    };

    /// <summary>Loads the stored manifest (anything that keeps it from being applied is terminal) and the stored status.</summary>
    public static AppContext Load(StoredResource item, DateTimeOffset now)
    {
        var manifest = ManifestLoader.Load<AppSpec>(item);
        var spec = manifest.Spec;
        return new AppContext
        {
            Key = item.Key,
            Item = item,
            Doc = manifest.Doc,
            Spec = spec,
            Cluster = spec.Cluster,
            ServiceName = spec.Service.Str("serviceName") ?? manifest.Metadata.Name,
            Family = TaskDefinitionRenderer.FamilyName(spec, manifest.Metadata.Name),
            Annotations = manifest.Annotations,
            Now = now,
            Status = StatusWriter.Read<AppStatus>(item) ?? new AppStatus(),
        };
    }
}
