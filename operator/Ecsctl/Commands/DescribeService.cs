using Ecsctl.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

internal sealed record DescribeOptions(IReadOnlyList<ResourceKey> Keys);

internal sealed record Described(ResourceKey Key, StoredItem? Item, IReadOnlyList<ResourceEvent> Events);

/// <summary><c>ecsctl describe</c>: the item (valid or not) and its events.</summary>
internal sealed class DescribeService(IResourceStore store, IEventStore events)
{
    public async Task<IReadOnlyList<Described>> DescribeAsync(DescribeOptions options, CancellationToken ct)
    {
        var result = new List<Described>();
        foreach (var key in options.Keys)
        {
            var item = await store.GetAsync(key, ct);
            result.Add(new Described(key, item is null ? null : StoredItem.From(item), item is null ? [] : await events.ListAsync(key, ct)));
        }

        return result;
    }
}
