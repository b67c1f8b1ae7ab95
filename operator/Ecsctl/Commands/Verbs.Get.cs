using Ecsctl.Cli;
using Ecsctl.Manifests;
using Ecsctl.Output;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

internal static partial class Verbs
{
    /// <summary>The <c>-l</c> selector of the command line, or null.</summary>
    private static LabelSelector? Selector(CommandLine line) =>
        line.Value("selector") is { } text ? LabelSelector.Parse(text, line.Command?.Name) : null;

    /// <summary><c>get orphans</c>: the live ECS objects whose owner is missing from the store (exit 1 when there is no
    /// live state to read).</summary>
    private static async Task<int> GetOrphansAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        if (line.Args.Count > 1) throw new UsageException("get orphans takes no name", "get");
        if (line.Has("watch") || line.Has("selector")) throw new UsageException("get orphans takes neither -w nor -l", "get");
        using var live = LiveEcs.Open(ctx);
        if (live is null)
        {
            ctx.Err.WriteLine("error: no live state to read (no operator has run yet)");
            return 1;
        }

        var rows = await new OrphanListing(ctx.Stores.Resources, live).FindAsync(line.Values("cluster"), ct);
        var epoch = ctx.Stores.Resources is IStoreEpochStore epochs ? await epochs.ReadEpochAsync(ct) : null;
        OrphanListing.Write(ctx, rows, epoch);
        return 0;
    }

    /// <summary><c>delete KIND|all -l SELECTOR</c>: the keys of the valid items in the namespace (or every one with -A)
    /// whose labels match.</summary>
    private static async Task<IReadOnlyList<ResourceKey>> SelectedKeysAsync(CommandLine line, CommandContext ctx, LabelSelector selector, CancellationToken ct)
    {
        if (line.Args.Count != 1) throw new UsageException("with -l name a kind (or all), not resources: ecsctl delete app -l app=rails", "delete");
        ResourceKind? kind = line.Args[0] == "all" ? null : ResourceRefs.Kind(line.Args[0], "delete");
        var items = await ctx.Stores.Resources.ListAsync(kind, ctx.AllNamespaces ? null : ctx.Namespace, ct);
        return [.. items.Select(StoredItem.From).Where(selector.Matches).Select(i => i.Resource.Key)];
    }

    /// <summary><c>-o name</c>: <c>kind/name</c> lines; <c>-o jsonpath=T</c>: the template over the object (one
    /// resource) or the <c>List</c> (several), as kubectl does.</summary>
    private static void WriteSelected(CommandContext ctx, IReadOnlyList<StoredItem> items, bool single)
    {
        if (ctx.Output == OutputFormat.Name)
        {
            foreach (var i in items) ctx.Out.WriteLine(ResourceRefs.Display(i.Resource.Key));
            return;
        }

        var template = JsonPathTemplate.Parse(ctx.Line.Value("output")!["jsonpath=".Length..].Trim('\'', '"'));
        ctx.Out.WriteLine(template.Render(single && items.Count == 1 ? ObjectOutput.ToObject(items[0]) : ObjectOutput.ToList(items)));
    }

    /// <summary><c>get -w</c>: what matches now, then one line (or object) per change from the store's watch, until
    /// the command is cancelled (Ctrl-C), which ends it with exit 0.</summary>
    private static async Task<int> WatchAsync(CommandLine line, CommandContext ctx, ResourceKind? kind, string? name, string? ns,
        IReadOnlyList<StoredItem> initial, CancellationToken ct)
    {
        var store = ctx.Stores.Resources;
        var selector = Selector(line);
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
                WriteSelected(ctx, [item], single: true);
                break;
            default:
                var ns = key.Namespace == ResourceKey.DefaultNamespace ? "" : $" -n {key.Namespace}";
                ctx.Out.WriteLine(item is null ? $"{display}{ns}  deleted" : $"{display}{ns}  {StatusView.Summary(item)}  generation {item.Resource.Generation}");
                break;
        }
    }
}
