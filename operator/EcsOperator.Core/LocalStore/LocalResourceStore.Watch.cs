using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.LocalStore;

public sealed partial class LocalResourceStore
{
    /// <summary>How often <see cref="WatchAsync"/> rescans the directory, for changes file-system notifications miss
    /// (network file systems, overflowed watcher buffers, a watcher that could not start).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether <see cref="WatchAsync"/> uses file-system notifications (else polling alone, e.g. on file systems
    /// that send none).</summary>
    public bool FileSystemNotifications { get; init; } = true;

    /// <summary>Keys whose manifest file was created, changed, replaced or deleted (status writes are not reported:
    /// they touch only the sidecar). Duplicates are possible; consumers collapse them.</summary>
    public IAsyncEnumerable<ResourceKey> WatchAsync(CancellationToken ct) => WatchAsync(null, ct);

    /// <summary>As <see cref="WatchAsync(CancellationToken)"/>; <paramref name="established"/> is called once the
    /// file-system watcher runs and the poller has taken its first snapshot: any later write is reported.</summary>
    public async IAsyncEnumerable<ResourceKey> WatchAsync(Action? established, [EnumeratorCancellation] CancellationToken ct)
    {
        var changes = Channel.CreateUnbounded<ResourceKey>(new UnboundedChannelOptions { SingleReader = true });
        using var watcher = FileSystemNotifications ? StartWatcher(changes.Writer) : null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var poller = PollAsync(changes.Writer, stop.Token);   // takes its first snapshot before returning
        established?.Invoke();
        try
        {
            while (true)
            {
                ResourceKey key;
                try
                {
                    key = await changes.Reader.ReadAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                yield return key;
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await poller;
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }
    }

    private FileSystemWatcher? StartWatcher(ChannelWriter<ResourceKey> writer)
    {
        try
        {
            var watcher = new FileSystemWatcher(_paths.Store, "*" + ItemNames.ManifestExtension)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            void OnName(string? name)
            {
                if (name is not null && ItemNames.TryParseManifestFileName(name, out var key)) writer.TryWrite(key);
            }

            watcher.Created += (_, e) => OnName(e.Name);
            watcher.Changed += (_, e) => OnName(e.Name);
            watcher.Deleted += (_, e) => OnName(e.Name);
            watcher.Renamed += (_, e) =>
            {
                OnName(e.OldName);
                OnName(e.Name);
            };
            watcher.Error += (_, e) => Log.WatcherFailed(_logger, e.GetException().Message);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            Log.WatcherFailed(_logger, e.Message);
            return null;
        }
    }

    private async Task PollAsync(ChannelWriter<ResourceKey> writer, CancellationToken ct)
    {
        var previous = Snapshot();
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(PollInterval, _time, ct);
            var current = Snapshot();
            foreach (var (key, stamp) in current)
            {
                if (!previous.TryGetValue(key, out var old) || old != stamp) writer.TryWrite(key);
            }

            foreach (var key in previous.Keys)
            {
                if (!current.ContainsKey(key)) writer.TryWrite(key);
            }

            previous = current;
        }
    }

    /// <summary>Manifest files by key with their size and modification time. A listing error keeps polling going.</summary>
    private Dictionary<ResourceKey, (long Length, DateTime Modified)> Snapshot()
    {
        var result = new Dictionary<ResourceKey, (long, DateTime)>();
        try
        {
            foreach (var info in new DirectoryInfo(_paths.Store).EnumerateFiles("*" + ItemNames.ManifestExtension))
            {
                if (ItemNames.TryParseManifestFileName(info.Name, out var key)) result[key] = (info.Length, info.LastWriteTimeUtc);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.WatcherFailed(_logger, e.Message);
        }

        return result;
    }
}
