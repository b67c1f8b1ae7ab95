using System.Text.Json.Nodes;
using Ecsctl.Cli;
using Ecsctl.Manifests;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

/// <param name="Changes">Empty: the manifest already said so; nothing was written.</param>
/// <param name="Rewritten">The stored text could not be edited in place (an entry was added or removed, or the value
/// sits behind an alias): the whole manifest was written in canonical form, comments and layout not kept.</param>
internal sealed record SetResult(ResourceKey Key, IReadOnlyList<FieldChange> Changes, bool Rewritten);

/// <summary>
/// Changes fields of a stored manifest and writes it back on the condition that the item's version is still the one
/// read, so a concurrent edit is never overwritten. The stored text keeps everything but the changed values
/// (<see cref="ScalarEdits"/>) whenever the change is a value replacement.
/// </summary>
internal sealed class SetService(IResourceStore store)
{
    private const int Attempts = 5;

    public async Task<SetResult> EditAsync(ResourceKey key, Func<JsonObject, IReadOnlyList<FieldChange>> edit, bool dryRun, CancellationToken ct)
    {
        var item = await store.GetAsync(key, ct) ?? throw new CommandFailedException($"{ResourceRefs.Display(key)} not found in namespace \"{key.Namespace}\"");
        var parsed = ManifestParser.ParseSingle(item.Manifest, key.Pk);
        if (!parsed.Ok || parsed.Documents.Count != 1 || parsed.Documents[0].Key != key)
        {
            var first = parsed.Errors.FirstOrDefault() is { } e ? ErrorText.Format(e) : "it is stored under another key";
            throw new CommandFailedException($"the stored manifest of {ResourceRefs.Display(key)} is invalid, fix it with apply first: {first}");
        }

        var root = parsed.Documents[0].Root;
        var changes = edit(root);
        if (changes.Count == 0) return new SetResult(key, changes, false);
        var scalars = changes.All(c => c.ScalarPath is not null)
            ? changes.Select(c => new ScalarEdit(c.ScalarPath!, c.After!)).ToList()
            : null;
        var text = scalars is null ? null : ScalarEdits.TryApply(item.Manifest, scalars, root, key.Pk);
        var rewritten = text is null;
        text ??= parsed.Documents[0].ToYaml();
        var check = ManifestParser.ParseSingle(text, key.Pk);
        if (!check.Ok)
        {
            throw new CommandFailedException($"{ResourceRefs.Display(key)} would be invalid after the change; nothing was written:{Environment.NewLine}"
                + string.Join(Environment.NewLine, check.Errors.Select(ErrorText.Format)));
        }

        if (dryRun) return new SetResult(key, changes, rewritten);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.PutAsync(key, text, item.Version, ct);
                return new SetResult(key, changes, rewritten);
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // The item changed since it was read. When only the operator's status was written meanwhile, the
                // manifest the edit was made on is still current: write again on the new version. Anything else
                // is someone's edit, which must not be lost.
                var now = await store.GetAsync(key, ct)
                    ?? throw new CommandFailedException($"{ResourceRefs.Display(key)} was deleted while it was being changed; nothing was written");
                if (now.ManifestHash != item.ManifestHash)
                {
                    throw new CommandFailedException($"{ResourceRefs.Display(key)} was changed by someone else since it was read "
                        + $"(generation {item.Generation} -> {now.Generation}); nothing was written: run the command again");
                }

                item = now;
            }
        }
    }
}
