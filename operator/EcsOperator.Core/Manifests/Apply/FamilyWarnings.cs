using EcsOperator.Core.Apps;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Manifests.Apply;

/// <summary>
/// Apps that name one task-definition family (<c>spec.taskDefinition.family</c>, default the App's name): only the
/// first to claim it owns it and the other becomes Degraded/FamilyConflict, so <c>ecsctl apply</c> and
/// <c>validate</c> say so before it happens, for two documents of the input and for a document and a stored App.
/// </summary>
public static class FamilyWarnings
{
    public static async Task<IReadOnlyList<string>> FindAsync(IReadOnlyList<ResourceDocument> documents, IResourceStore? store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var warnings = new List<string>();
        var seen = new Dictionary<string, ResourceDocument>(StringComparer.Ordinal);
        var input = documents.Where(d => d.Key.Kind == ResourceKind.App).ToList();
        foreach (var doc in input)
        {
            var family = FamilyOf(doc);
            if (seen.TryGetValue(family, out var first))
                warnings.Add($"warning: {doc.File}:{doc.Line}: {ApplyCommand.Display(doc.Key)} names task definition family {family}, as " +
                    $"{ApplyCommand.Display(first.Key)} does ({first.File}:{first.Line}); the first to claim it owns it, the other will be Degraded/FamilyConflict");
            else seen[family] = doc;
        }
        if (store is null || seen.Count == 0) return warnings;
        var inputKeys = input.Select(d => d.Key).ToHashSet();
        foreach (var item in await store.ListAsync(ResourceKind.App, null, ct))
        {
            if (inputKeys.Contains(item.Key)) continue;
            var parsed = ManifestParser.ParseSingle(item.Manifest, item.Key.Pk);
            if (!parsed.Ok || parsed.Documents.Count != 1) continue;
            var family = FamilyOf(parsed.Documents[0]);
            if (seen.TryGetValue(family, out var doc))
                warnings.Add($"warning: {doc.File}:{doc.Line}: {ApplyCommand.Display(doc.Key)} names task definition family {family}, as the stored " +
                    $"{item.Key} does; if that App already owns it, {ApplyCommand.Display(doc.Key)} will be Degraded/FamilyConflict");
        }
        return warnings;
    }

    private static string FamilyOf(ResourceDocument doc) => TaskDefinitionRenderer.FamilyName(doc.GetSpec<AppSpec>(), doc.Key.Name);
}
