using Ecsctl.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

/// <param name="Kind">Null for every kind.</param>
/// <param name="Name">Null for all of the kind.</param>
/// <param name="Namespace">Null for every namespace.</param>
internal sealed record GetOptions(ResourceKind? Kind, string? Name, string? Namespace);

/// <summary><c>ecsctl get</c> / <c>describe</c>: store items with their manifests parsed (invalid ones included, never hidden).</summary>
internal sealed class GetService(IResourceStore store)
{
    public async Task<IReadOnlyList<StoredItem>> GetAsync(GetOptions options, CancellationToken ct)
    {
        if (options.Name is not null && options.Kind is { } kind)
        {
            var ns = options.Namespace ?? ResourceKey.DefaultNamespace;
            return await store.GetAsync(new ResourceKey(kind, ns, options.Name), ct) is { } item ? [StoredItem.From(item)] : [];
        }

        var items = await store.ListAsync(options.Kind, options.Namespace, ct);
        return items.Where(i => options.Name is null || i.Key.Name == options.Name).Select(StoredItem.From).ToList();
    }
}
