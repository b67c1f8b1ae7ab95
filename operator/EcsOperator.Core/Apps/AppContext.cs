using System.Text.Json.Nodes;
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
}
