using System.Diagnostics;

namespace EcsOperator.Core.LocalStore;

/// <summary>
/// An exclusive lock on a lock file, held while the handle is open. <see cref="FileShare.None"/> maps to an
/// advisory <c>flock</c> on Unix and a share-mode lock on Windows, so it excludes other processes (ecsctl and the
/// operator at the same time) as well as other handles in this process. The lock file itself is never deleted.
/// </summary>
internal sealed class FileLock : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var clock = Stopwatch.StartNew();
        var delayMs = 1;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                // Held by someone else: back off with jitter (wall-clock waiting, not a reading of "now").
                await Task.Delay(Random.Shared.Next(delayMs, delayMs * 2 + 1), ct);
                delayMs = Math.Min(delayMs * 2, 25);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"could not lock {path} within {timeout.TotalSeconds:0.#} s: {e.Message}", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
