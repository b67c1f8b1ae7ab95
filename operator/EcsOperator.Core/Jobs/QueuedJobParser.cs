using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// Turns a queue message body (a Job manifest in YAML or JSON) into the Job to store. A Job without
/// <c>metadata.name</c> is named from the message id, so a redelivered message is the same Job. The stored text is
/// the canonical rendering with the message id annotated, so the same message always yields the same text. A body or
/// stored Job over <see cref="ManifestLimits.MaxDocumentBytes"/> is refused here, before anything is written.
/// </summary>
public static partial class QueuedJobParser
{
    /// <summary>The parsed Job and its canonical text, or the reason the message cannot be accepted.</summary>
    public sealed record Result(ResourceDocument? Job, string? Manifest, string? Error);

    public static Result Parse(string body, string messageId, string defaultNamespace)
    {
        var file = "queue message " + messageId;
        var bytes = Encoding.UTF8.GetByteCount(body ?? "");
        if (bytes > ManifestLimits.MaxDocumentBytes)
            return Fail($"{file}: the body is {bytes} bytes; a Job document may have at most {ManifestLimits.MaxDocumentBytes}");
        var docs = YamlTreeReader.ReadAll(body ?? "", file, out var streamErrors);
        if (streamErrors.Count > 0) return Fail(string.Join("; ", streamErrors));
        var roots = docs.Where(d => d.Root is not null || d.Errors.Count > 0).ToList();
        if (roots.Count != 1) return Fail($"{file}: expected exactly one Job document, found {roots.Count}");
        if (roots[0].Errors.Count > 0) return Fail(string.Join("; ", roots[0].Errors));
        if (roots[0].Root is not JsonObject root) return Fail($"{file}: the message body is not a manifest mapping");
        if (root.Str("kind") is { } kind && kind != nameof(ResourceKind.Job))
            return Fail($"{file}: only Job documents are accepted on the job queue, got kind {kind}");

        var meta = root["metadata"] as JsonObject;
        if (root["metadata"] is null) root["metadata"] = meta = [];
        if (meta is not null)
        {
            if (meta["name"] is null) meta["name"] = NameFor(messageId);
            if (meta["namespace"] is null) meta["namespace"] = defaultNamespace;
            if (meta["annotations"] is null) meta["annotations"] = new JsonObject();
            if (meta["annotations"] is JsonObject annotations) annotations[JobAnnotations.QueueMessageId] = messageId;
        }
        var parsed = ManifestParser.ParseSingle(root.ToJsonString(), file);
        if (!parsed.Ok)
        {
            var errors = parsed.Errors.Select(e => string.IsNullOrEmpty(e.Path) ? e.Message : $"{e.Path}: {e.Message}");
            return Fail($"{file}: {string.Join("; ", errors)}");
        }
        var job = parsed.Documents[0];
        var text = job.ToYaml();
        var stored = Encoding.UTF8.GetByteCount(text);
        if (stored > ManifestLimits.MaxDocumentBytes)
            return Fail($"{file}: the Job as stored would be {stored} bytes; a document may have at most {ManifestLimits.MaxDocumentBytes}");
        return new Result(job, text, null);
    }

    /// <summary>
    /// True when two stored queued Jobs differ at most in the queue message they came from: the same request sent
    /// twice (a producer's retry, a fan-out duplicate), which is acknowledged rather than dead-lettered.
    /// </summary>
    public static bool SameRequest(string storedManifest, string manifest)
    {
        if (storedManifest == manifest) return true;
        var (a, b) = (WithoutMessageId(storedManifest), WithoutMessageId(manifest));
        return a is not null && b is not null && JsonNode.DeepEquals(a, b);
    }

    private static JsonObject? WithoutMessageId(string manifest)
    {
        var docs = YamlTreeReader.ReadAll(manifest, "stored Job", out var errors);
        if (errors.Count > 0 || docs.Count(d => d.Root is not null) != 1) return null;
        if (docs.First(d => d.Root is not null).Root is not JsonObject root) return null;
        if (root.Obj("metadata").Obj("annotations") is not { } annotations || !annotations.ContainsKey(JobAnnotations.QueueMessageId)) return null;
        annotations.Remove(JobAnnotations.QueueMessageId);
        return root;
    }

    /// <summary>A stable DNS-label name for a message: <c>job-&lt;id&gt;</c> when the id is label-safe, else a hash of it.</summary>
    public static string NameFor(string messageId)
    {
        var id = messageId.ToLowerInvariant();
        var direct = "job-" + id;
        if (direct.Length <= 63 && ResourceKey.IsDnsLabel(direct)) return direct;
        return "job-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..24];
    }

    private static Result Fail(string error) => new(null, null, error);
}
