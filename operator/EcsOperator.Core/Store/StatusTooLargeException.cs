using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Store;

/// <summary>
/// A status write refused for its size: over <see cref="ManifestLimits.MaxStatusBytes"/>, or (DynamoDB) the item would
/// exceed its 400 KB limit. Both stores throw it, so an oversized status surfaces the same way everywhere; the
/// controller runtime turns it into a <c>StatusTooLarge</c> condition and event on the object.
/// </summary>
public sealed class StatusTooLargeException(ResourceKey key, int bytes, string detail, Exception? inner = null)
    : Exception($"{key}: status of {bytes} bytes cannot be written: {detail}", inner)
{
    public ResourceKey Key { get; } = key;

    public int Bytes { get; } = bytes;

    /// <summary>Throws when <paramref name="json"/> (a serialised status) is over the status budget; returns its size.</summary>
    public static int ThrowIfOverBudget(ResourceKey key, string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(json);
        if (bytes > ManifestLimits.MaxStatusBytes)
            throw new StatusTooLargeException(key, bytes, $"the limit is {ManifestLimits.MaxStatusBytes} bytes");
        return bytes;
    }
}
