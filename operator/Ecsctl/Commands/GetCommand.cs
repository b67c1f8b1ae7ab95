using System.CommandLine;
using Ecsctl.Cli;
using Ecsctl.Manifests;
using Ecsctl.Output;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl get</c>: list resources or show one, in every <c>-o</c> format; <c>-w</c> follows changes
/// (<see cref="GetWatch"/>); <c>get orphans</c> lists live ECS objects whose document is gone.</summary>
internal sealed class GetCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var kind = Word("kind", "kind|all|orphans", KindWords);
        kind.Description = "app (apps), job (jobs), cronjob (cj), scalepolicy (sp), capacitypool (cp), all, or orphans.";
        var name = new Argument<string?>("name") { Arity = ArgumentArity.ZeroOrOne, Description = "One resource of the kind." };
        var watch = CommonOptions.Switch("--watch", "-w", "After the list, print each change from the store until Ctrl-C.");
        var cluster = CommonOptions.Repeatable("--cluster", null, "NAME", "get orphans: also look in this cluster; repeatable.");
        var command = Define("get", "List resources or show one",
            "Kinds: app (apps), job (jobs), cronjob (cj), scalepolicy (sp), capacitypool (cp), or all. Items whose manifest is invalid are listed with status Invalid (and match no -l selector). "
            + "orphans lists the ECS objects (services, task-definition families, Jobs' running tasks) that carry the operator's owner tags while their document is missing from the store: KIND OWNER CLUSTER NAME AGE (-o json|yaml as a List); it looks in the clusters the store names, default and each --cluster (locally: every simulated cluster). "
            + "-o jsonpath takes kubectl's subset: {.a.b[0]}, ['key.with.dots'], [*], [-1], [?(@.type==\"Available\")], {range .items[*]}...{end}, {\"\\n\"}. -w prints every change as it comes, until Ctrl-C.",
            "ecsctl get apps -A\necsctl get job rake-task -o yaml\necsctl get apps -l 'app=rails-app,tier in (web,worker)' -o name\n"
            + "ecsctl get app web -o jsonpath='{.status.conditions[?(@.type==\"Progressing\")].reason}'\necsctl get apps -w\necsctl get orphans --cluster production");
        command.Arguments.Add(kind);
        command.Arguments.Add(name);
        command.Options.Add(options.Selector);
        command.Options.Add(watch);
        command.Options.Add(cluster);
        Handle(command, options, (ctx, ct) => ctx.Value(kind) is "orphans" or "orphan"
            ? OrphansAsync(ctx, ctx.Value(name), ctx.Has(watch), ctx.Values(cluster), ct)
            : GetAsync(ctx, ctx.Value(kind)!, ctx.Value(name), ctx.Value(watch), ct));
        return command;
    }

    private static async Task<int> GetAsync(CommandContext ctx, string kindText, string? name, bool watch, CancellationToken ct)
    {
        var output = ctx.Output;
        ResourceKind? kind = kindText == "all" ? null : ResourceRefs.Kind(kindText, "get");
        if (name is not null && kind is null) throw new UsageException("a name needs a kind: ecsctl get <kind> <name>", "get");
        if (name is not null && ctx.AllNamespaces) throw new UsageException("a name cannot be combined with -A", "get");
        var ns = ctx.AllNamespaces ? null : ctx.Namespace;
        var items = await new GetService(ctx.Stores.Resources).GetAsync(new GetOptions(kind, name, ns), ct);
        if (ctx.Selector is { } selector) items = [.. items.Where(selector.Matches)];
        if (watch) return await GetWatch.RunAsync(ctx, kind, name, ns, items, ct);
        if (name is not null && items.Count == 0)
        {
            ctx.Err.WriteLine($"error: {kind.ToString()!.ToLowerInvariant()} \"{name}\" not found in namespace \"{ns}\"");
            return 1;
        }

        switch (output)
        {
            case OutputFormat.Name or OutputFormat.JsonPath:
                WriteSelected(ctx, items, name is not null);
                break;
            case OutputFormat.Json or OutputFormat.Yaml:
                var node = name is not null ? ObjectOutput.ToObject(items[0]) : ObjectOutput.ToList(items);
                ObjectOutput.Write(ctx.Out, node, output == OutputFormat.Yaml);
                break;
            default:
                if (items.Count == 0)
                {
                    ctx.Err.WriteLine(ns is null ? "No resources found." : $"No resources found in {ns} namespace.");
                    break;
                }

                var first = true;
                foreach (var group in items.GroupBy(i => i.Resource.Key.Kind))
                {
                    if (!first) ctx.Out.WriteLine();
                    first = false;
                    if (kind is null) ctx.Out.WriteLine($"# {group.Key}");
                    Tables.Write(ctx.Out, group.Key, group.ToList(), output == OutputFormat.Wide, ns is null, ctx.Time.GetUtcNow());
                }

                break;
        }

        return 0;
    }

    /// <summary><c>get orphans</c>: the live ECS objects whose owner is missing from the store (exit 1 when there is no
    /// live state to read).</summary>
    private static async Task<int> OrphansAsync(CommandContext ctx, string? name, bool watch, IReadOnlyList<string> clusters, CancellationToken ct)
    {
        if (name is not null) throw new UsageException("get orphans takes no name", "get");
        if (watch || ctx.Has(ctx.Options.Selector)) throw new UsageException("get orphans takes neither -w nor -l", "get");
        using var live = LiveEcs.Open(ctx);
        if (live is null)
        {
            ctx.Err.WriteLine("error: no live state to read (no operator has run yet)");
            return 1;
        }

        var rows = await new OrphanListing(ctx.Stores.Resources, live).FindAsync(clusters, ct);
        var epoch = ctx.Stores.Resources is IStoreEpochStore epochs ? await epochs.ReadEpochAsync(ct) : null;
        OrphanListing.Write(ctx, rows, epoch);
        return 0;
    }

    /// <summary><c>-o name</c>: <c>kind/name</c> lines; <c>-o jsonpath=T</c>: the template over the object (one
    /// resource) or the <c>List</c> (several), as kubectl does.</summary>
    public static void WriteSelected(CommandContext ctx, IReadOnlyList<StoredItem> items, bool single)
    {
        if (ctx.Output == OutputFormat.Name)
        {
            foreach (var i in items) ctx.Out.WriteLine(ResourceRefs.Display(i.Resource.Key));
            return;
        }

        var template = JsonPathTemplate.Parse(ctx.JsonPathTemplate);
        ctx.Out.WriteLine(template.Render(single && items.Count == 1 ? ObjectOutput.ToObject(items[0]) : ObjectOutput.ToList(items)));
    }
}
