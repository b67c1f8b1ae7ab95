using System.Text.Json.Nodes;
using Ecsctl.Cli;
using Ecsctl.Manifests;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Manifests.Apply;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using CoreApply = EcsOperator.Core.Manifests.Apply.ApplyCommand;

namespace Ecsctl.Commands;

/// <summary>The CI flags of <c>ecsctl apply</c> (<c>-l</c> and <c>--dry-run</c> are read from the context).</summary>
internal sealed record ApplyCiFlags(bool Prune, bool Force, IReadOnlyList<string> SetImages, bool EnvSubstitution);

/// <summary>
/// <c>ecsctl apply</c> with the CI flags: <c>--env-substitution</c> (see <see cref="EnvSubstitution"/>),
/// <c>--set-image CONTAINER=IMAGE</c> (every App, and every Job or CronJob template with an inline task definition,
/// that has a container of that name), <c>-l</c> (only documents whose labels match) and <c>--prune</c> (with <c>-l</c>:
/// delete the stored items that carry the selector and are no longer in the sources). Nothing is applied when any
/// document is invalid, and nothing is pruned then either.
/// </summary>
internal static class ApplyVerb
{
    /// <summary>Pruning is refused without --force when it would delete more than this share of the selected items
    /// (counted only from <see cref="GuardMinimum"/> items on), or when the sources hold no selected document at all:
    /// the same rule as the operator's mass-deletion guard, for a wrong directory or a typo in -l.</summary>
    private const double GuardShare = 0.5;

    private const int GuardMinimum = 5;

    public static async Task<int> RunAsync(ApplyCiFlags flags, CommandContext ctx, IReadOnlyList<string> files, CancellationToken ct)
    {
        var selector = ctx.Selector;
        var prune = flags.Prune;
        if (prune && selector is null) throw new UsageException("--prune needs -l SELECTOR: only items carrying the selector are pruned", "apply");
        var images = flags.SetImages.Select(v => v.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && eq < v.Length - 1
            ? (Container: v[..eq], Image: v[(eq + 1)..])
            : throw new UsageException($"--set-image \"{v}\" is not CONTAINER=IMAGE", "apply")).ToList();
        Func<string, string, List<ManifestError>, string>? substitute = flags.EnvSubstitution
            ? (file, text, errors) => EnvSubstitution.Apply(file, text, errors, Environment.GetEnvironmentVariable)
            : null;
        var loaded = await ManifestSources.LoadAsync(files, ctx.Stdin, ctx.ExplicitNamespace, substitute, ct);
        CoreApply.WriteSkipped(ctx.Err, loaded);
        var documents = selector is null ? loaded.Documents : [.. loaded.Documents.Where(d => selector.Matches(d.Metadata.Labels))];
        var errors = new List<ManifestError>(loaded.Errors);
        if (loaded.Ok) errors.AddRange(SetImages(documents, images));
        if (errors.Count > 0)
        {
            CoreApply.WriteErrors(ctx.Err, errors);
            await ctx.Err.WriteLineAsync($"error: {errors.Count} error(s); nothing was applied");
            return 1;
        }

        var dryRun = ctx.DryRun;
        var store = ctx.Stores.Resources;
        var stale = prune ? await PruneCandidatesAsync(store, selector!, documents, ctx.Namespace, ct) : [];
        if (prune) CheckGuard(stale, documents.Count, flags.Force);
        var report = await new ManifestApplier(store).ApplyAsync(loaded with { Documents = documents }, dryRun, ct);
        var suffix = dryRun ? " (dry run)" : "";
        foreach (var l in report.Lines) await ctx.Out.WriteLineAsync($"{ResourceRefs.Display(l.Key)} {l.Outcome.ToString().ToLowerInvariant()}{suffix}");
        var exit = 0;
        foreach (var (item, _) in stale)
        {
            try
            {
                // conditional on the version read: an item edited (perhaps re-labelled) since then is left alone
                if (!dryRun) await store.DeleteAsync(item.Key, item.Version, ct);
                await ctx.Out.WriteLineAsync($"{ResourceRefs.Display(item.Key)} pruned{suffix}");
            }
            catch (ConcurrencyException)
            {
                await ctx.Err.WriteLineAsync($"error: {ResourceRefs.Display(item.Key)} changed while pruning; not pruned (run apply again)");
                exit = 1;
            }
        }

        if (report.Lines.Count > 0 || stale.Count > 0) return exit;
        await ctx.Err.WriteLineAsync(selector is null ? "error: no documents found" : $"error: no documents match -l {selector.Text}");
        return 1;
    }

    /// <summary>The stored items carrying the selector, in the namespaces the sources name (and -n's), that the sources no longer hold.</summary>
    private static async Task<List<(StoredResource Item, int Selected)>> PruneCandidatesAsync(IResourceStore store, LabelSelector selector,
        IReadOnlyList<ResourceDocument> documents, string ns, CancellationToken ct)
    {
        var keep = documents.Select(d => d.Key).ToHashSet();
        var namespaces = documents.Select(d => d.Key.Namespace).Append(ns).Distinct();
        var selected = new List<StoredResource>();
        foreach (var n in namespaces)
        {
            selected.AddRange((await store.ListAsync(null, n, ct)).Where(i => selector.Matches(StoredItem.From(i))));
        }

        return [.. selected.Where(i => !keep.Contains(i.Key)).Select(i => (i, selected.Count))];
    }

    private static void CheckGuard(List<(StoredResource Item, int Selected)> stale, int documents, bool force)
    {
        if (stale.Count == 0 || force) return;
        var selected = stale[0].Selected;
        var names = string.Join(", ", stale.Take(10).Select(s => ResourceRefs.Display(s.Item.Key)));
        if (documents == 0)
        {
            throw new CommandFailedException($"refusing to prune all {stale.Count} item(s) carrying the selector ({names}): the sources hold none of them; pass --force if that is meant");
        }

        if (selected >= GuardMinimum && stale.Count > GuardShare * selected)
        {
            throw new CommandFailedException($"refusing to prune {stale.Count} of the {selected} items carrying the selector (more than half: {names}); check -f and -l, or pass --force");
        }
    }

    /// <summary>Sets each named container's image in every document that has it; a container no document has is an error.</summary>
    private static List<ManifestError> SetImages(IReadOnlyList<ResourceDocument> documents, List<(string Container, string Image)> images)
    {
        var errors = new List<ManifestError>();
        foreach (var (container, image) in images)
        {
            var found = false;
            foreach (var doc in documents)
            {
                var spec = doc.Key.Kind == ResourceKind.CronJob ? doc.Spec.Obj("jobTemplate")?.Obj("spec") : doc.Spec;
                if (doc.Key.Kind is not (ResourceKind.App or ResourceKind.Job or ResourceKind.CronJob)) continue;
                foreach (var c in spec.Obj("taskDefinition").Arr("containerDefinitions").Objects().Where(c => c.Str("name") == container))
                {
                    c["image"] = image;
                    found = true;
                }
            }

            if (!found) errors.Add(new ManifestError("--set-image", 0, 0, "", $"no document has a container named \"{container}\""));
        }

        return errors;
    }
}
