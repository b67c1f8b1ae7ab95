using EcsOperator.Core.Controller;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Scaling;

/// <summary>Parses a stored item into its typed spec, or explains why not (naming file, line and field).</summary>
internal static class ManifestReader
{
    public static bool TryRead<T>(StoredResource item, out T? spec, out string error) where T : class
    {
        spec = null;
        var parsed = ManifestParser.ParseSingle(item.Manifest, item.Key.Pk);
        if (!parsed.Ok || parsed.Documents.Count != 1)
        {
            error = parsed.Errors.Count > 0 ? string.Join("; ", parsed.Errors.Select(e => e.ToString())) : $"{item.Key}: no document";
            return false;
        }
        var doc = parsed.Documents[0];
        if (doc.Key != item.Key)
        {
            error = $"{item.Key}: the manifest describes {doc.Key}";
            return false;
        }
        try
        {
            spec = doc.GetSpec<T>();
            error = "";
            return true;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or NotSupportedException)
        {
            error = $"{item.Key}: spec: {e.Message}";
            return false;
        }
    }

    /// <summary>The spec, or a terminal error (recorded by the runtime, not retried until the manifest changes).</summary>
    public static T Require<T>(StoredResource item) where T : class =>
        TryRead<T>(item, out var spec, out var error) ? spec! : throw new TerminalReconcileException("InvalidSpec", error);

    public static ResourceKey Sibling(ResourceKey key, ResourceKind kind, string name) => new(kind, key.Namespace, name);
}
