using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Store;

/// <summary>
/// One item of the store, exactly as stored. <see cref="Manifest"/> is the text a user wrote (YAML or JSON),
/// never re-serialised; it may be invalid — parsing and validation happen above the store so that a bad
/// document is reported, never treated as absent.
/// </summary>
/// <param name="Key">The item's partition key.</param>
/// <param name="Manifest">The <c>manifest</c> attribute, verbatim.</param>
/// <param name="Generation">Increases on every manifest change. An item written by raw put-item (no operator
/// fields, or a manifest whose hash no longer matches the recorded one) reports the recorded generation + 1.</param>
/// <param name="Status">The operator's status object, or null when none has been written for this manifest.</param>
/// <param name="Version">Opaque concurrency token of the whole item; changes on every write, status writes included.</param>
public sealed record StoredResource(ResourceKey Key, string Manifest, long Generation, JsonObject? Status, string Version)
{
    /// <summary>SHA-256 (hex) of the manifest text: what conditional writes compare against.</summary>
    public string ManifestHash => HashManifest(Manifest);

    /// <summary>When the store first recorded the item; null when unknown (an item written by hand that no
    /// store write has touched yet). Shown as AGE by <c>ecsctl get</c>.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The deletion mark: when (ISO 8601, as <c>ecsctl delete</c> writes it) or any non-empty text a user put
    /// there by hand; null when the item is not marked. A marked item is cleaned up and then removed by the operator.</summary>
    public string? DeletionRequested { get; init; }

    /// <summary>True when the item carries a deletion mark.</summary>
    public bool IsMarkedForDeletion => !string.IsNullOrWhiteSpace(DeletionRequested);

    public static string HashManifest(string manifest) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));
}
