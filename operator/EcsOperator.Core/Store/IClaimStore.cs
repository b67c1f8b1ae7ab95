namespace EcsOperator.Core.Store;

/// <summary>
/// Ownership claims: a name (e.g. a task-definition family) held by one owner until that owner releases it. Claims
/// live beside leases (<c>_claim/</c> keys in DynamoDB, a <c>claims</c> directory locally), which listings never
/// return. Taking a free claim is one conditional write, so of two concurrent claimants exactly one wins.
/// </summary>
public interface IClaimStore
{
    /// <summary>Takes the claim when no one holds it. Returns the holder as it now stands: <paramref name="owner"/>
    /// when it won or already held it, else the other holder. Reads first, so holding it already writes nothing.</summary>
    Task<string> ClaimAsync(string name, string owner, CancellationToken ct);

    /// <summary>Gives the claim up if <paramref name="owner"/> holds it (a conditional delete). True when it did.</summary>
    Task<bool> ReleaseClaimAsync(string name, string owner, CancellationToken ct);
}
