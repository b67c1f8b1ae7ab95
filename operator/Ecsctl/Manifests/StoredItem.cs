using System.Text.Json.Nodes;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Store;

namespace Ecsctl.Manifests;

/// <summary>A store item with its manifest parsed: either a valid document for the item's own key, or the errors.</summary>
internal sealed record StoredItem(StoredResource Resource, ResourceDocument? Document, IReadOnlyList<ManifestError> Errors)
{
    public bool Valid => Document is not null;

    public JsonObject? Status => Resource.Status;

    public static StoredItem From(StoredResource resource)
    {
        var result = ManifestParser.ParseSingle(resource.Manifest, resource.Key.Pk);
        if (!result.Ok || result.Documents.Count != 1) return new StoredItem(resource, null, result.Errors);
        var doc = result.Documents[0];
        if (doc.Key != resource.Key)
        {
            return new StoredItem(resource, null,
                [new ManifestError(resource.Key.Pk, doc.Line, 1, "metadata", $"the document is {doc.Key} but is stored as {resource.Key}")]);
        }

        return new StoredItem(resource, doc, []);
    }
}
