using System.Text.Json;
using System.Text.Json.Nodes;
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
    public required JsonObject Status { get; init; }

    public long Generation => Item.Generation;

    /// <summary>spec.ignoreDifferences, parsed: what drift comparison and updates leave alone.</summary>
    public IReadOnlyList<Diff.IgnorePath> Ignored => ignored ??= Diff.IgnoreRules.ParseAll(Spec.IgnoreDifferences, Diff.IgnoreRules.AppRoots);

    private IReadOnlyList<Diff.IgnorePath>? ignored;

    /// <summary>The status says this generation was already applied once (differences now are drift).</summary>
    public bool SeenBefore => Status.Long("observedGeneration") == Generation;

    /// <summary>The annotation <see cref="AppTags.AdoptAnnotation"/> asks to take over an existing service or family.</summary>
    public bool Adopting => Annotations.GetValueOrDefault(AppTags.AdoptAnnotation) == "true";

    /// <summary>The annotation <see cref="AppControls.PausedAnnotation"/> holds a change of task definition back.</summary>
    public bool Paused =>
        Annotations.TryGetValue(AppControls.PausedAnnotation, out var v) && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>simulator.ecs.operator/</c> annotations, in key order: copied onto the service and the task definition.</summary>
    public IEnumerable<KeyValuePair<string, string>> SimulatorAnnotations =>
        Annotations.Where(a => a.Key.StartsWith(AppTags.SimulatorPrefix, StringComparison.Ordinal)).OrderBy(a => a.Key, StringComparer.Ordinal);

    public JsonObject Rollout
    {
        get
        {
            if (Status["rollout"] is not JsonObject r)
            {
                r = [];
                Status["rollout"] = r;
            }
            return r;
        }
    }

    /// <summary>Sets one condition of the status being built (see <see cref="StatusConditions.Set"/>).</summary>
    public void SetCondition(string type, string value, string reason, string message) =>
        StatusConditions.Set(Status, type, value, reason, message, Now);

    /// <summary>Records in status that a rollout of <paramref name="targetArn"/> starts now.</summary>
    public void StartRollout(string targetArn)
    {
        var r = Rollout;
        r["targetTaskDefinition"] = targetArn;
        r["generation"] = Generation;
        r["startedAt"] = Now.ToString("O");
        r["state"] = "InProgress";
    }

    /// <summary>Parses the stored manifest of <paramref name="key"/>; anything that keeps it from being applied is terminal.</summary>
    public static AppContext Load(ResourceKey key, StoredResource item, DateTimeOffset now)
    {
        var parsed = ManifestParser.ParseSingle(item.Manifest, key.Pk);
        if (!parsed.Ok)
            throw new TerminalReconcileException("InvalidSpec", string.Join("; ", parsed.Errors.Select(e => e.ToString())));
        var doc = parsed.Documents[0];
        if (doc.Key != key)
            throw new TerminalReconcileException("KeyMismatch", $"the manifest describes {doc.Key} but is stored as {key}; it is not applied");
        AppSpec spec;
        ObjectMeta meta;
        try
        {
            spec = doc.GetSpec<AppSpec>();
            meta = doc.Metadata;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            throw new TerminalReconcileException("InvalidSpec", $"{key.Pk}: spec: {e.Message}");
        }
        return new AppContext
        {
            Key = key,
            Item = item,
            Doc = doc,
            Spec = spec,
            Cluster = spec.Cluster,
            ServiceName = spec.Service.Str("serviceName") ?? meta.Name,
            Family = TaskDefinitionRenderer.FamilyName(spec, meta.Name),
            Annotations = meta.Annotations ?? new Dictionary<string, string>(),
            Now = now,
            Status = item.Status?.DeepClone().AsObject() ?? [],
        };
    }
}
