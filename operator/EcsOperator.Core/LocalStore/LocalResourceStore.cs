using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;
using EcsOperator.Core.State;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Core.LocalStore;

/// <summary>
/// The storage contract of <see cref="IResourceStore"/> in a directory (<see cref="StatePaths.Store"/>); see <c>README.md</c> next to
/// this file for the layout and how to drop a manifest in by hand.
/// <list type="bullet">
/// <item><c>store/&lt;Kind&gt;.&lt;namespace&gt;.&lt;name&gt;.yaml</c>: the manifest, byte for byte as written.</item>
/// <item><c>store/.meta/&lt;same&gt;.json</c>: the operator's fields (generation, manifest hash, status, version token).</item>
/// <item><c>store/.locks/&lt;same&gt;.lock</c>: per-item lock files held during every write, across processes.</item>
/// </list>
/// Writes go to a temp file, are flushed to disk and renamed over the target, so readers never see half a file.
/// </summary>
public sealed partial class LocalResourceStore : IResourceStore, IEventStore, ILeaseStore
{
    private readonly StatePaths _paths;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public LocalResourceStore(StatePaths paths, TimeProvider time, ILogger<LocalResourceStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(time);
        _paths = paths;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Directory.CreateDirectory(paths.Store);
    }

    /// <summary>How long a write waits for another writer (possibly another process) to release an item.</summary>
    public TimeSpan LockTimeout { get; init; } = FileLock.DefaultTimeout;

    private string MetaDirectory => Path.Combine(_paths.Store, ".meta");

    private string TempDirectory => Path.Combine(_paths.Store, ".tmp");

    private string ManifestPath(ResourceKey key) => Path.Combine(_paths.Store, ItemNames.ManifestFileName(key));

    private string MetaPath(ResourceKey key) => Path.Combine(MetaDirectory, ItemNames.Escape(key) + ".json");

    private string LockPath(ResourceKey key) => Path.Combine(_paths.Store, ".locks", ItemNames.Escape(key) + ".lock");

    public Task<StoredResource?> GetAsync(ResourceKey key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(ReadItem(key));
    }

    public Task<IReadOnlyList<StoredResource>> ListAsync(ResourceKind? kind, string? @namespace, CancellationToken ct)
    {
        var items = new List<StoredResource>();
        if (!Directory.Exists(_paths.Store)) return Task.FromResult<IReadOnlyList<StoredResource>>(items);
        foreach (var file in Directory.EnumerateFiles(_paths.Store, "*" + ItemNames.ManifestExtension))
        {
            ct.ThrowIfCancellationRequested();
            if (!ItemNames.TryParseManifestFileName(Path.GetFileName(file), out var key))
            {
                Log.IgnoredFile(_logger, file);
                continue;
            }

            if (kind is { } k && key.Kind != k) continue;
            if (@namespace is not null && key.Namespace != @namespace) continue;
            if (ReadItem(key) is { } item) items.Add(item); // null: deleted since the directory was listed
        }

        items.Sort((a, b) => string.CompareOrdinal(a.Key.Pk, b.Key.Pk));
        return Task.FromResult<IReadOnlyList<StoredResource>>(items);
    }

    public async Task<PutResult> PutAsync(ResourceKey key, string manifest, string? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var _ = await FileLock.AcquireAsync(LockPath(key), LockTimeout, ct);
        var current = ReadItem(key);
        CheckExpected(key, current, expectedVersion);
        if (current is not null && string.Equals(current.Manifest, manifest, StringComparison.Ordinal))
            return new PutResult(PutOutcome.Unchanged, current);

        if (current is null) AtomicFile.TryDelete(MetaPath(key)); // a leftover sidecar must not lend its status to a new item
        var meta = new ItemMeta(current is null ? 1 : current.Generation + 1, StoredResource.HashManifest(manifest),
            ItemMeta.NewToken(), current?.Status, current is null ? _time.GetUtcNow() : current.CreatedAt ?? _time.GetUtcNow(),
            current?.DeletionRequested);
        // Manifest first, then the sidecar: a reader (or a crash) in between sees a hand-replaced manifest,
        // which already reports the new generation.
        AtomicFile.WriteAllText(ManifestPath(key), manifest, TempDirectory);
        WriteMeta(key, meta);
        return new PutResult(current is null ? PutOutcome.Created : PutOutcome.Configured, Compose(key, manifest, meta));
    }

    public async Task<bool> UpdateStatusAsync(ResourceKey key, string manifestHash, JsonObject status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(status);
        StatusTooLargeException.ThrowIfOverBudget(key, status.ToJsonString());
        using var _ = await FileLock.AcquireAsync(LockPath(key), LockTimeout, ct);
        var current = ReadItem(key);
        if (current is null || !string.Equals(current.ManifestHash, manifestHash, StringComparison.Ordinal)) return false;
        WriteMeta(key, new ItemMeta(current.Generation, current.ManifestHash, ItemMeta.NewToken(), status.DeepClone().AsObject(),
            current.CreatedAt ?? _time.GetUtcNow(), current.DeletionRequested));
        return true;
    }

    public async Task<bool> DeleteAsync(ResourceKey key, string? expectedVersion, CancellationToken ct)
    {
        using var _ = await FileLock.AcquireAsync(LockPath(key), LockTimeout, ct);
        var current = ReadItem(key);
        if (current is null) return false;
        if (expectedVersion is not null && !string.Equals(current.Version, expectedVersion, StringComparison.Ordinal))
            throw new ConcurrencyException(key, $"version is {current.Version}, expected {expectedVersion}");
        // Sidecar first: a crash in between leaves a plain hand-written item, never operator fields without a manifest.
        AtomicFile.TryDelete(MetaPath(key));
        AtomicFile.TryDelete(ManifestPath(key));
        return true;
    }

    private static void CheckExpected(ResourceKey key, StoredResource? current, string? expectedVersion)
    {
        switch (expectedVersion)
        {
            case null:
                return;
            case Versions.MustNotExist when current is not null:
                throw new ConcurrencyException(key, "already exists");
            case Versions.MustNotExist:
                return;
            default:
                if (current is null) throw new ConcurrencyException(key, $"does not exist (expected version {expectedVersion})");
                if (!string.Equals(current.Version, expectedVersion, StringComparison.Ordinal))
                    throw new ConcurrencyException(key, $"version is {current.Version}, expected {expectedVersion}");
                return;
        }
    }

    private void WriteMeta(ResourceKey key, ItemMeta meta) => AtomicFile.WriteAllBytes(MetaPath(key), meta.ToBytes(), TempDirectory);

    /// <summary>The item as stored, or null when its manifest file does not exist. An unreadable manifest file is an
    /// item whose manifest is a comment naming the error, so it is reported (as invalid) and never read as absent.</summary>
    private StoredResource? ReadItem(ResourceKey key)
    {
        var path = ManifestPath(key);
        string manifest;
        try
        {
            if (AtomicFile.TryReadAllText(path) is not { } text) return null;
            manifest = text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.UnreadableManifest(_logger, path, e.Message);
            manifest = $"# ecs-operator: cannot read {path}: {e.Message}\n";
        }

        ItemMeta? meta = null;
        try
        {
            var bytes = AtomicFile.TryReadAllBytes(MetaPath(key));
            meta = ItemMeta.TryParse(bytes);
            if (bytes is not null && meta is null) Log.CorruptSidecar(_logger, MetaPath(key));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.CorruptSidecar(_logger, MetaPath(key));
        }

        return Compose(key, manifest, meta);
    }

    /// <summary>Joins manifest and sidecar. A manifest that no longer hashes to the recorded one was replaced by hand:
    /// it reports the recorded generation + 1 and a version derived from its own hash.</summary>
    private static StoredResource Compose(ResourceKey key, string manifest, ItemMeta? meta)
    {
        var hash = StoredResource.HashManifest(manifest);
        if (meta is null) return new StoredResource(key, manifest, 1, null, $"raw.{hash[..16]}");
        var generation = string.Equals(meta.ManifestHash, hash, StringComparison.Ordinal) ? meta.Generation : meta.Generation + 1;
        return new StoredResource(key, manifest, generation, meta.Status?.DeepClone().AsObject(), $"{meta.Token}.{hash[..16]}")
        {
            CreatedAt = meta.CreatedAt,
            DeletionRequested = meta.DeletionRequested,
        };
    }
}
