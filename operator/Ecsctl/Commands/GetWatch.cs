using Ecsctl.Manifests;
using Ecsctl.Output;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl get -w</c>: the matching items, then one line (or object) per change.</summary>
internal static class GetWatch
{
    /// <summary><c>get -w</c>: what matches now, then one line (or object) per change from the store's watch, until
    /// the command is cancelled (Ctrl-C), which ends it with exit 0.</summary>
    public static async Task<int> RunAsync(CommandContext ctx, ResourceKind? kind, string? name, string? ns,
        IReadOnlyList<StoredItem> initial, CancellationToken ct)
    {
        var store = ctx.Stores.Resources;
        var selector = ctx.Selector;
        var seen = new Dictionary<ResourceKey, string?>();
        foreach (var item in initial)
        {
            seen[item.Resource.Key] = item.Resource.Version;
            WriteChange(ctx, item.Resource.Key, item);
        }

        await ctx.Out.FlushAsync(ct);
        try
        {
            await foreach (var key in store.WatchAsync(ct))
            {
                if ((kind is { } k && key.Kind != k) || (name is not null && key.Name != name) || (ns is not null && key.Namespace != ns)) continue;
                var resource = await store.GetAsync(key, ct);
                var version = resource?.Version;
                if (seen.TryGetValue(key, out var last) ? last == version : version is null) continue;
                var item = resource is null ? null : StoredItem.From(resource);
                // An item that stops matching the selector is reported once as gone from the selection.
                if (item is not null && selector is not null && !selector.Matches(item)) item = null;
                if (item is null && !seen.ContainsKey(key)) continue;
                if (item is null) seen.Remove(key);
                else seen[key] = version;
                WriteChange(ctx, key, item);
                await ctx.Out.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C: the normal end of a watch
        }

        return 0;
    }

    private static void WriteChange(CommandContext ctx, ResourceKey key, StoredItem? item)
    {
        var display = ResourceRefs.Display(key);
        switch (ctx.Output)
        {
            case OutputFormat.Name:
                ctx.Out.WriteLine(display);
                break;
            case OutputFormat.Json or OutputFormat.Yaml when item is not null:
                ObjectOutput.Write(ctx.Out, ObjectOutput.ToObject(item), ctx.Output == OutputFormat.Yaml);
                if (ctx.Output == OutputFormat.Yaml) ctx.Out.WriteLine("---");
                break;
            case OutputFormat.JsonPath when item is not null:
                GetCommand.WriteSelected(ctx, [item], single: true);
                break;
            default:
                var ns = key.Namespace == ResourceKey.DefaultNamespace ? "" : $" -n {key.Namespace}";
                ctx.Out.WriteLine(item is null ? $"{display}{ns}  deleted" : $"{display}{ns}  {StatusView.Summary(item)}  generation {item.Resource.Generation}");
                break;
        }
    }
}
