using System.Text;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests.Validation;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests;

/// <summary>Parses and validates manifests. Never throws on bad input: every problem is a positioned <see cref="ManifestError"/>.</summary>
public static class ManifestParser
{
    /// <summary>
    /// Multi-document YAML (or JSON) stream. Documents over 400 KB, alias bombs, duplicate keys and deep nesting are errors.
    /// Every document is validated for its kind; a document with errors is not in <see cref="ManifestParseResult.Documents"/>.
    /// </summary>
    public static ManifestParseResult Parse(string text, string file) => ParseCore(text ?? "", file ?? "-", single: false);

    /// <summary>Exactly one document, e.g. a store item's <c>manifest</c>; <paramref name="file"/> is what errors name (e.g. App/default/web).</summary>
    public static ManifestParseResult ParseSingle(string text, string file) => ParseCore(text ?? "", file ?? "-", single: true);

    private static ManifestParseResult ParseCore(string text, string file, bool single)
    {
        try
        {
            return ParseChecked(text, file, single);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Last line of defence: bad input must never crash a caller. Reaching this is a parser bug worth reporting.
            return Fail(file, $"internal error while parsing ({e.GetType().Name}: {e.Message})");
        }
    }

    private static ManifestParseResult ParseChecked(string text, string file, bool single)
    {
        if (text.StartsWith('\uFEFF')) text = text[1..]; // a byte order mark from stdin or a raw put-item
        var limit = single ? ManifestLimits.MaxDocumentBytes : ManifestLimits.MaxStreamBytes;
        if (text.Length > limit || Encoding.UTF8.GetByteCount(text) > limit)
        {
            var what = single ? "document" : "input";
            var why = single ? " (DynamoDB's 400 KB item limit, less room for the status)" : "";
            return Fail(file, $"{what} is {Encoding.UTF8.GetByteCount(text)} bytes; the limit is {limit} bytes{why}");
        }
        var parsed = YamlTreeReader.ReadAll(text, file, out var streamErrors);
        var errors = new List<ManifestError>();
        var documents = new List<ResourceDocument>();
        var notes = new List<ManifestError>();
        var count = 0;
        foreach (var doc in parsed)
        {
            if (doc.Root is null && doc.Errors.Count == 0) continue;
            count++;
            var result = Build(text, file, doc);
            if (result.Errors.Count > 0) errors.AddRange(result.Errors);
            else documents.Add(result.Document!);
            notes.AddRange(result.Notes);
        }
        errors.AddRange(streamErrors);
        if (single && streamErrors.Count == 0 && count != 1)
        {
            errors.Add(new ManifestError(file, 1, 1, "", count == 0 ? "no document found" : $"expected exactly one document, found {count}"));
            documents.Clear();
        }
        return new ManifestParseResult(documents, errors) { Notes = errors.Count == 0 ? notes : [] };
    }

    private static (ResourceDocument? Document, IReadOnlyList<ManifestError> Errors, IReadOnlyList<ManifestError> Notes) Build(string text, string file, ParsedDocument doc)
    {
        var bytes = DocumentBytes(text, doc);
        if (bytes > ManifestLimits.MaxDocumentBytes)
        {
            return (null, [new ManifestError(file, doc.Start.Line, doc.Start.Column, "",
                $"document is {bytes} bytes; the limit is {ManifestLimits.MaxDocumentBytes} bytes (DynamoDB's 400 KB item limit, less room for the status)")], []);
        }
        if (doc.Errors.Count > 0) return (null, doc.Errors, []);
        var ctx = new ValidationContext(file, doc.Map, doc.Start);
        if (doc.Root is not JsonObject root)
        {
            ctx.AtNode(doc.Root, "", $"a document must be a mapping with apiVersion, kind, metadata and spec, got {SchemaValidator.Describe(doc.Root)}");
            return (null, [.. ctx.Errors], []);
        }
        var kind = DocumentValidator.Validate(root, ctx);
        if (ctx.Errors.Count > 0 || kind is null) return (null, [.. ctx.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)], []);
        root.Remove("status");
        NullRemover.RemoveNullMembers(root, Schema.ResourceShapes.Applied(kind.Value), "", ctx);
        var meta = root.Obj("metadata")!;
        var ns = meta.Str("namespace") ?? ResourceKey.DefaultNamespace;
        if (meta["namespace"] is null) meta["namespace"] = ns;
        var key = new ResourceKey(kind.Value, ns, meta.Str("name")!);
        return (new ResourceDocument(key, root, file, doc.Start.Line), [], ctx.Notes);
    }

    private static int DocumentBytes(string text, ParsedDocument doc)
    {
        var start = Math.Clamp(doc.StartIndex, 0, text.Length);
        var end = Math.Clamp(doc.EndIndex, start, text.Length);
        return Encoding.UTF8.GetByteCount(text.AsSpan(start, end - start));
    }

    private static ManifestParseResult Fail(string file, string message) => new([], [new ManifestError(file, 1, 1, "", message)]);
}
