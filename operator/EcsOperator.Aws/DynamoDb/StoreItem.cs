using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Aws.DynamoDb;

/// <summary>
/// The table's item layout. A resource item is <c>pk</c> + <c>manifest</c> (all a user needs to write); the rest is
/// the operator's. Events and leases live in the same table under <c>_</c>-prefixed keys, which are never resource keys.
/// </summary>
internal static class StoreItem
{
    public const string Pk = "pk";
    public const string Manifest = "manifest";
    public const string Generation = "generation";
    public const string ManifestHash = "manifestHash";
    public const string Status = "status";
    public const string Version = "version";
    public const string UpdatedAt = "updatedAt";
    public const string CreatedAt = "createdAt";

    /// <summary>The deletion mark (<c>ecsctl delete</c> writes the time; any non-empty string, number or true counts).</summary>
    public const string DeletionRequested = "deletionRequested";
    public const string Ttl = "ttl";

    public const string EventPrefix = "_event/";
    public const string LeasePrefix = "_lease/";
    public const string ClaimPrefix = "_claim/";

    /// <summary>The store epoch's item (see <see cref="Core.Store.IStoreEpochStore"/>).</summary>
    public const string EpochKey = "_epoch";

    /// <summary>Version token part of an item no operator write has touched (written by raw put-item).</summary>
    public const string RawVersion = "raw";

    public static bool IsOperatorKey(string pk) => pk.StartsWith('_');

    public static Dictionary<string, AttributeValue> KeyOf(string pk) => new() { [Pk] = new AttributeValue { S = pk } };

    public static string? GetString(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) ? v.S : null;

    public static long? GetNumber(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) && v.N is { } n && long.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;

    public static AttributeValue Number(long n) => new() { N = n.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Text(string s) => new() { S = s };

    public static string NewVersionPart() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>Reads a resource item. <paramref name="problem"/> says what was odd about it (no manifest, bad status).</summary>
    public static StoredResource ToResource(ResourceKey key, Dictionary<string, AttributeValue> item, out string? problem)
    {
        problem = null;
        var manifest = GetString(item, Manifest);
        if (manifest is null)
        {
            problem = $"item has no string attribute '{Manifest}'";
            manifest = "";
        }

        var hash = StoredResource.HashManifest(manifest);
        var recorded = GetNumber(item, Generation) ?? 0;
        var generation = string.Equals(GetString(item, ManifestHash), hash, StringComparison.Ordinal) && recorded > 0 ? recorded : recorded + 1;
        JsonObject? status = null;
        if (GetString(item, Status) is { } statusText)
        {
            try
            {
                status = JsonNode.Parse(statusText) as JsonObject;
                if (status is null) problem = $"attribute '{Status}' is not a JSON object";
            }
            catch (JsonException e)
            {
                problem = $"attribute '{Status}' is not valid JSON: {e.Message}";
            }
        }

        var createdAt = Core.Model.Rfc3339.Parse(GetString(item, CreatedAt));
        return new StoredResource(key, manifest, generation, status, VersionOf(item, hash))
        {
            CreatedAt = createdAt,
            DeletionRequested = item.TryGetValue(DeletionRequested, out var mark) ? MarkText(mark) : null,
        };
    }

    /// <summary>A deletion mark as text: a string or number as written, "true" for a true boolean; null for anything else
    /// (false, null, empty), so only a deliberate value marks an item.</summary>
    private static string? MarkText(AttributeValue v) =>
        !string.IsNullOrWhiteSpace(v.S) ? v.S : v.N is { Length: > 0 } n ? n : v.BOOL == true ? "true" : null;

    /// <summary>The version token: the operator's write id (or <see cref="RawVersion"/>) and the manifest hash, so a raw
    /// put-item or update-item of the manifest changes it too.</summary>
    public static string VersionOf(Dictionary<string, AttributeValue> item, string manifestHash) =>
        $"{GetString(item, Version) ?? RawVersion}:{manifestHash[..16]}";
}
