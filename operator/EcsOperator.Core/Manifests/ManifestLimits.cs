namespace EcsOperator.Core.Manifests;

/// <summary>Hard limits that keep hostile or broken input cheap to reject.</summary>
public static class ManifestLimits
{
    /// <summary>DynamoDB's item size limit, which holds a document, its status and the operator's bookkeeping.</summary>
    public const int ItemBytes = 400 * 1024;

    /// <summary>Largest single document in UTF-8 bytes: 300 KB, leaving room in the item for the status.</summary>
    public const int MaxDocumentBytes = 300 * 1024;

    /// <summary>Largest status the operator writes (JSON, UTF-8 bytes). The rest of the item (keys, hashes, generation,
    /// timestamps) stays under 10 KB, so the largest document and the largest status fit in one item together.</summary>
    public const int MaxStatusBytes = 90 * 1024;

    /// <summary>Largest multi-document stream (e.g. an <c>apply -f</c> file) in UTF-8 bytes.</summary>
    public const int MaxStreamBytes = 16 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes one document may expand to, aliases included.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Most nodes alias references in one document may add (what stops "billion laughs").</summary>
    public const int MaxAliasExpansion = 10_000;

    /// <summary>Most alias references in one document.</summary>
    public const int MaxAliases = 100;
}
