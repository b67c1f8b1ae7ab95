using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Controller;

/// <summary>A stored manifest that parsed, names the item it is stored as, and whose spec and metadata read as typed.</summary>
public sealed record LoadedManifest<TSpec>(ResourceDocument Doc, ObjectMeta Metadata, TSpec Spec) where TSpec : class
{
    public IReadOnlyDictionary<string, string> Annotations => Metadata.Annotations ?? new Dictionary<string, string>();
}

/// <summary>Why a stored manifest could not be loaded: a CamelCase reason (<c>InvalidSpec</c>, <c>KeyMismatch</c>) and a message naming the item, line and field.</summary>
public sealed record ManifestProblem(string Reason, string Message);

/// <summary>
/// The one way a reconciler turns a stored item into its typed spec: parse and validate, check that the document
/// names the item it is stored as, read metadata and spec. Every failure is a <see cref="ManifestProblem"/>, and
/// <see cref="Load{TSpec}"/> makes it terminal: only a new manifest can fix it.
/// </summary>
public static class ManifestLoader
{
    public const string InvalidSpec = nameof(InvalidSpec);
    public const string KeyMismatch = nameof(KeyMismatch);

    /// <summary>The loaded manifest, or a <see cref="TerminalReconcileException"/> setting <paramref name="conditionType"/>.</summary>
    public static LoadedManifest<TSpec> Load<TSpec>(StoredResource item, string conditionType = ConditionTypes.Degraded) where TSpec : class =>
        TryLoad<TSpec>(item, out var loaded, out var problem)
            ? loaded
            : throw new TerminalReconcileException(problem.Reason, problem.Message, conditionType);

    public static bool TryLoad<TSpec>(StoredResource item, [NotNullWhen(true)] out LoadedManifest<TSpec>? loaded, [NotNullWhen(false)] out ManifestProblem? problem)
        where TSpec : class
    {
        loaded = null;
        var parsed = ManifestParser.ParseSingle(item.Manifest, item.Key.Pk);
        if (!parsed.Ok || parsed.Documents.Count != 1)
        {
            problem = new ManifestProblem(InvalidSpec,
                parsed.Errors.Count > 0 ? string.Join("; ", parsed.Errors.Select(e => e.ToString())) : $"{item.Key}: no document");
            return false;
        }
        var doc = parsed.Documents[0];
        if (doc.Key != item.Key)
        {
            problem = new ManifestProblem(KeyMismatch, $"the manifest describes {doc.Key} but is stored as {item.Key}; it is not applied");
            return false;
        }
        try
        {
            loaded = new LoadedManifest<TSpec>(doc, doc.Metadata, doc.GetSpec<TSpec>());
            problem = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            problem = new ManifestProblem(InvalidSpec, $"{item.Key}: spec: {e.Message}");
            return false;
        }
    }
}
