using System.Text.Json;
using System.Text.Json.Serialization;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.LocalStore;

public sealed partial class LocalResourceStore
{
    private string LeasePath(string name) => Path.Combine(_paths.Leases, ItemNames.EscapeName(name) + ".json");

    private string LeaseLockPath(string name) => Path.Combine(_paths.Leases, ".locks", ItemNames.EscapeName(name) + ".lock");

    public async Task<Lease> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        using var _ = await FileLock.AcquireAsync(LeaseLockPath(name), LockTimeout, ct);
        var now = _time.GetUtcNow();
        var current = ReadLease(name);
        if (current is not null && current.Holder != holder && current.ExpiresAt > now) return current;
        var lease = new Lease(name, holder, now, now + duration);
        var row = new LeaseRow(lease.Holder, lease.RenewedAt, lease.ExpiresAt);
        AtomicFile.WriteAllBytes(LeasePath(name), JsonSerializer.SerializeToUtf8Bytes(row), Path.Combine(_paths.Leases, ".tmp"));
        return lease;
    }

    public async Task ReleaseAsync(string name, string holder, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var _ = await FileLock.AcquireAsync(LeaseLockPath(name), LockTimeout, ct);
        if (ReadLease(name)?.Holder == holder) AtomicFile.TryDelete(LeasePath(name));
    }

    /// <summary>The lease as stored; an unreadable lease file counts as free (it is rewritten by the next holder).</summary>
    private Lease? ReadLease(string name)
    {
        try
        {
            var bytes = AtomicFile.TryReadAllBytes(LeasePath(name));
            if (bytes is null) return null;
            var row = JsonSerializer.Deserialize<LeaseRow>(bytes);
            return row is { Holder: not null } ? new Lease(name, row.Holder, row.RenewedAt, row.ExpiresAt) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record LeaseRow(
        [property: JsonPropertyName("holder")] string Holder,
        [property: JsonPropertyName("renewedAt")] DateTimeOffset RenewedAt,
        [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt);
}
