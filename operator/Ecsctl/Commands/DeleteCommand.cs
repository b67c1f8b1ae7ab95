using System.CommandLine;
using Ecsctl.Cli;
using Ecsctl.Manifests;
using EcsOperator.Core.Manifests.Apply;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl delete</c>: by name, by manifest, or every item of a kind whose labels match <c>-l</c>.</summary>
internal sealed class DeleteCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var resources = Words("resources", "kind/name...", 0, 10, KindWords);
        var ignoreNotFound = CommonOptions.Switch("--ignore-not-found", null, "Exit 0 when a resource does not exist.");
        var command = Define("delete", "Delete resources by name or by manifest",
            "Deleting an App stops its ECS service unless its deletionPolicy is Retain. With -l, every valid item of the kind in the namespace (-A: all) whose labels match.",
            "ecsctl delete app/web\necsctl delete -f samples/jobs/\necsctl delete jobs -l app=rails-app --dry-run");
        command.Arguments.Add(resources);
        command.Options.Add(options.Filename);
        command.Options.Add(options.DryRun);
        command.Options.Add(options.Selector);
        command.Options.Add(ignoreNotFound);
        Handle(command, options, (ctx, ct) => RunAsync(ctx, ctx.Value(resources) ?? [], ctx.Value(ignoreNotFound), ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, string[] args, bool ignoreNotFound, CancellationToken ct)
    {
        var files = ctx.Values(ctx.Options.Filename);
        if (files.Count > 0 && args.Length > 0) throw new UsageException("give either <kind>/<name> or -f, not both", "delete");
        var keys = files.Count > 0 ? [] : ctx.Selector is { } selector
            ? await SelectedKeysAsync(ctx, args, selector, ct)
            : ResourceRefs.Keys(args, ctx.Namespace, "delete");
        var options = new DeleteOptions(keys, files, ctx.DryRun, files.Count > 0 ? ctx.ExplicitNamespace : null);
        var report = await new DeleteService(ctx.Stores.Resources).DeleteAsync(options, ctx.Stdin, ct);
        foreach (var file in report.Skipped ?? []) ctx.Err.WriteLine(ManifestSources.SkipNote(file));
        if (report.Errors.Count > 0)
        {
            ErrorText.WriteAll(ctx.Err, report.Errors);
            ctx.Err.WriteLine($"error: {report.Errors.Count} error(s); nothing was deleted");
            return 1;
        }

        var exit = 0;
        var suffix = options.DryRun ? " (dry run)" : "";
        foreach (var l in report.Lines)
        {
            if (l.Found) ctx.Out.WriteLine($"{ResourceRefs.Display(l.Key)} deleted{suffix}");
            else if (!ignoreNotFound)
            {
                ctx.Err.WriteLine($"error: {ResourceRefs.Display(l.Key)} not found in namespace \"{l.Key.Namespace}\"");
                exit = 1;
            }
        }

        return exit;
    }

    /// <summary><c>delete KIND|all -l SELECTOR</c>: the keys of the valid items in the namespace (or every one with -A)
    /// whose labels match.</summary>
    private static async Task<IReadOnlyList<ResourceKey>> SelectedKeysAsync(CommandContext ctx, string[] args, LabelSelector selector, CancellationToken ct)
    {
        if (args.Length != 1) throw new UsageException("with -l name a kind (or all), not resources: ecsctl delete app -l app=rails", "delete");
        ResourceKind? kind = args[0] == "all" ? null : ResourceRefs.Kind(args[0], "delete");
        var items = await ctx.Stores.Resources.ListAsync(kind, ctx.AllNamespaces ? null : ctx.Namespace, ct);
        return [.. items.Select(StoredItem.From).Where(selector.Matches).Select(i => i.Resource.Key)];
    }
}
