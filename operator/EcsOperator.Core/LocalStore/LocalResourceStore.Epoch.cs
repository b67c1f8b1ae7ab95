using System.Text;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.LocalStore;

/// <summary>The store epoch: a file <c>store/store-epoch</c> created once with <see cref="FileMode.CreateNew"/> (so
/// of two writers one wins, and the other reads its id; an empty file is one being written, read again). It lives inside the store directory: a store directory that
/// is wiped or replaced gets a new epoch. Listings only read manifest files, so they never see it.</summary>
public sealed partial class LocalResourceStore : IStoreEpochStore
{
    private string EpochPath => Path.Combine(_paths.Store, "store-epoch");

    public Task<string?> ReadEpochAsync(CancellationToken ct)
    {
        try
        {
            var text = File.ReadAllText(EpochPath, Encoding.UTF8).Trim();
            return Task.FromResult<string?>(text.Length == 0 ? null : text);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<string?>(null);
        }
    }

    public async Task<string> EnsureEpochAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await ReadEpochAsync(ct) is { } epoch) return epoch;
            Directory.CreateDirectory(_paths.Store);
            try
            {
                // CreateNew fails when the file exists: of two writers exactly one creates it.
                await using var file = new FileStream(EpochPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                var mine = StoreEpochs.New();
                await file.WriteAsync(Encoding.UTF8.GetBytes(mine), ct);
                file.Flush(flushToDisk: true);
                return mine;
            }
            catch (IOException) when (File.Exists(EpochPath) && attempt < 100)
            {
                // Another process created it first (and may not have written its id yet): read theirs.
                await Task.Delay(TimeSpan.FromMilliseconds(5), ct);
            }
        }
    }
}
