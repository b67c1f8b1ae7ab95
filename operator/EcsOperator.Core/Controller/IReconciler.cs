using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Controller;

/// <summary>
/// Business logic for one kind: gets a key (never an event), reads desired and live state fresh, converges them.
/// Returns when to look again, or throws: an ordinary exception is retried with per-key backoff by the runtime,
/// a <see cref="TerminalReconcileException"/> is recorded and not retried until the manifest changes.
/// Reconcilers hold no retry loops, metrics plumbing or logging scopes of their own.
/// </summary>
public interface IReconciler
{
    ResourceKind Kind { get; }

    /// <summary>Whether the reconciler handles an item marked for deletion itself (cleans up, then deletes the item).
    /// When false, the runtime deletes a marked item before the reconcile, which then cleans up as for any deleted item.
    /// A wrapper around another reconciler must forward it.</summary>
    bool HandlesDeletionMark => false;

    Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct);
}

/// <summary>The outcome of a successful reconcile: done, or look again after a while (e.g. a rollout in progress).</summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    public static ReconcileResult Done => default;

    public static ReconcileResult After(TimeSpan delay) => new(delay);

    /// <summary>The earlier of two requeue requests (null = none).</summary>
    public static ReconcileResult Min(ReconcileResult a, ReconcileResult b) =>
        a.RequeueAfter is null ? b : b.RequeueAfter is null ? a : new(a.RequeueAfter < b.RequeueAfter ? a.RequeueAfter : b.RequeueAfter);
}

/// <summary>
/// The spec cannot be applied as written (invalid manifest, a conflict only the user can resolve). The runtime records
/// <see cref="ConditionType"/> = True with <see cref="Reason"/> in the resource's status and a Warning event, and does not
/// retry until the manifest changes.
/// </summary>
public sealed class TerminalReconcileException : Exception
{
    public TerminalReconcileException(string reason, string message, string conditionType = "Degraded", Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
        ConditionType = conditionType;
    }

    public TerminalReconcileException() : this("Terminal", "terminal reconcile error") { }

    public TerminalReconcileException(string message) : this("Terminal", message) { }

    public TerminalReconcileException(string message, Exception inner) : this("Terminal", message, "Degraded", inner) { }

    /// <summary>A CamelCase reason, e.g. <c>InvalidSpec</c>, <c>KeyMismatch</c>, <c>Conflict</c>.</summary>
    public string Reason { get; }

    /// <summary>The status condition set to True (default <c>Degraded</c>).</summary>
    public string ConditionType { get; }
}
