using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.LocalStore;

public sealed partial class LocalResourceStore
{
    public async Task<bool> MarkForDeletionAsync(ResourceKey key, CancellationToken ct)
    {
        using var _ = await FileLock.AcquireAsync(LockPath(key), LockTimeout, ct);
        var current = ReadItem(key);
        if (current is null) return false;
        if (current.IsMarkedForDeletion) return true;
        WriteMeta(key, new ItemMeta(current.Generation, current.ManifestHash, ItemMeta.NewToken(), current.Status,
            current.CreatedAt ?? _time.GetUtcNow(), Model.Rfc3339.Format(_time.GetUtcNow())));
        // The watch reports manifest files only: touch this one so the mark is seen as promptly as an edit.
        try
        {
            File.SetLastWriteTimeUtc(ManifestPath(key), DateTime.UtcNow);
        }
        catch (IOException)
        {
            // the next listing sees the mark anyway
        }

        return true;
    }
}
