using System.Text;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.LocalStore;

/// <summary>Claims: one file per name under <c>leases/claims</c> holding the owner, changed only under the name's file lock.</summary>
public sealed partial class LocalResourceStore : IClaimStore
{
    private string ClaimsDirectory => Path.Combine(_paths.Leases, "claims");

    private string ClaimPath(string name) => Path.Combine(ClaimsDirectory, ItemNames.EscapeName(name) + ".owner");

    private string ClaimLockPath(string name) => Path.Combine(ClaimsDirectory, ".locks", ItemNames.EscapeName(name) + ".lock");

    public async Task<string> ClaimAsync(string name, string owner, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (ReadClaim(name) is { } held) return held;
        using var _ = await FileLock.AcquireAsync(ClaimLockPath(name), LockTimeout, ct);
        if (ReadClaim(name) is { } won) return won; // someone claimed it between the read and the lock
        AtomicFile.WriteAllBytes(ClaimPath(name), Encoding.UTF8.GetBytes(owner), Path.Combine(ClaimsDirectory, ".tmp"));
        return owner;
    }

    public async Task<bool> ReleaseClaimAsync(string name, string owner, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var _ = await FileLock.AcquireAsync(ClaimLockPath(name), LockTimeout, ct);
        if (ReadClaim(name) != owner) return false;
        AtomicFile.TryDelete(ClaimPath(name));
        return true;
    }

    private string? ReadClaim(string name) =>
        AtomicFile.TryReadAllBytes(ClaimPath(name)) is { Length: > 0 } bytes ? Encoding.UTF8.GetString(bytes) : null;
}
