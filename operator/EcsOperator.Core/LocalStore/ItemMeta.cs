using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EcsOperator.Core.LocalStore;

/// <summary>
/// The operator's fields of one item, kept in a sidecar (<c>store/.meta/&lt;item&gt;.json</c>) so the manifest file
/// stays exactly as written. <see cref="ManifestHash"/> is the hash of the manifest these fields were written for:
/// when the manifest file no longer hashes to it, the manifest was replaced by hand.
/// </summary>
internal sealed record ItemMeta(
    [property: JsonPropertyName("generation")] long Generation,
    [property: JsonPropertyName("manifestHash")] string ManifestHash,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("status")] JsonObject? Status,
    [property: JsonPropertyName("createdAt")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("deletionRequested")] string? DeletionRequested = null)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string NewToken() => Guid.NewGuid().ToString("N");

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    /// <summary>Parsed fields, or null when absent or unreadable (a corrupt sidecar reads as "no operator fields").</summary>
    public static ItemMeta? TryParse(byte[]? bytes)
    {
        if (bytes is null) return null;
        try
        {
            var meta = JsonSerializer.Deserialize<ItemMeta>(bytes, Options);
            return meta is { ManifestHash: not null, Token: not null } ? meta : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
