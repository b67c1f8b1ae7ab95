using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Scaling;

/// <summary>Every ScalePolicy in the store with its parsed spec (parses cached by manifest hash). Feeds the shared
/// alarm snapshot and the CapacityPool's view of what each App wants. With an informer that has synced, its cache is
/// read instead of listing the store.</summary>
public sealed class ScalePolicyCatalog(IResourceStore store, ResourceInformer? informer = null)
{
    private readonly ConcurrentDictionary<string, ScalePolicySpec?> parsed = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<Entry>? last;

    public sealed record Entry(ResourceKey Key, ScalePolicySpec Spec, JsonObject? Status)
    {
        public ResourceKey AppKey => new(ResourceKind.App, Key.Namespace, Spec.TargetRef);

        /// <summary>The count the policy's last decision asked for (status <c>wantedCount</c>; 0 before its first pass).</summary>
        public int WantedCount => StatusJson.Read<ScalePolicyStatus>(Status)?.WantedCount ?? 0;
    }

    /// <param name="fromStore">Read the store even when an informer is there (for status fields that must be current).</param>
    public async Task<IReadOnlyList<Entry>> ListAsync(CancellationToken ct, bool fromStore = false)
    {
        var items = !fromStore && informer is { HasSynced: true } ? informer.List(ResourceKind.ScalePolicy)
            : await store.ListAsync(ResourceKind.ScalePolicy, null, ct);
        var result = new List<Entry>(items.Count);
        foreach (var item in items)
        {
            var spec = parsed.GetOrAdd(item.ManifestHash + item.Key.Pk,
                _ => ManifestLoader.TryLoad<ScalePolicySpec>(item, out var loaded, out var _) ? loaded.Spec : null);
            if (spec is not null) result.Add(new Entry(item.Key, spec, item.Status));
        }
        if (parsed.Count > 4 * Math.Max(64, items.Count)) parsed.Clear();
        last = result;
        return result;
    }

    /// <summary>The last listing (taken at least once a pass for the alarm snapshot), or a new one when there is none.</summary>
    public async Task<IReadOnlyList<Entry>> ListRecentAsync(CancellationToken ct) => last ?? await ListAsync(ct);

    /// <summary>Every alarm name any valid policy names.</summary>
    public async Task<IReadOnlyCollection<string>> AlarmNamesAsync(CancellationToken ct) =>
        (await ListAsync(ct))
            .SelectMany(e => e.Spec.UpscaleTriggers.Concat(e.Spec.DownscaleTriggers).Select(t => t.AlarmName))
            .ToHashSet(StringComparer.Ordinal);
}
