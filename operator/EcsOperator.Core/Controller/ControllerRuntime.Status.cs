using EcsOperator.Core.Aws;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Controller;

/// <summary>Conditions and events the runtime itself records on an object when its reconcile cannot finish. The
/// runtime knows no kind's own status: it changes the conditions and generation every kind has
/// (<see cref="ResourceStatus"/>) and carries the rest through.</summary>
public sealed partial class ControllerRuntime
{
    /// <summary>A reconcile blocked by a missing external resource: Degraded=True naming it, and a Warning event. Not
    /// terminal: the key is looked at again after a long, growing wait.</summary>
    private async Task RecordMissingAsync(ResourceKey key, MissingResource what, string message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var found = false;
        await statusWriter.UpdateAsync<ResourceStatus>(key, (_, status) =>
        {
            found = true;
            status ??= new ResourceStatus();
            var conditions = status.Conditions.Set(ConditionTypes.Degraded, true, what.Reason, message, now);
            return ReferenceEquals(conditions, status.Conditions) ? null : status with { Conditions = conditions };
        }, ct);
        if (found) await recorder.WarningAsync(key, what.Reason, message, ct);
    }

    /// <summary>
    /// The reconcile's status did not fit. What was there stays readable in a small status: the conditions (messages
    /// cut to 1 KB) with Degraded=True reason StatusTooLarge, so <c>ecsctl get</c> shows Degraded and <c>describe</c>
    /// says why, plus a Warning event. When even that cannot be written, a StatusWriteFailed event is the last resort.
    /// </summary>
    private async Task RecordStatusTooLargeAsync(ResourceKey key, StatusTooLargeException e, CancellationToken ct)
    {
        if (await store.GetAsync(key, ct) is null) return;
        var now = time.GetUtcNow();
        var message = $"the status the operator computed is {e.Bytes} bytes and cannot be stored ({e.Message}); only conditions are kept";
        try
        {
            await statusWriter.UpdateAsync<ResourceStatus>(key, (_, status) => new ResourceStatus
            {
                Conditions = (status?.Conditions ?? [])
                    .Select(c => c.Message.Length > 1024 ? c with { Message = c.Message[..1024] + "…" } : c).ToList()
                    .Set(ConditionTypes.Degraded, true, "StatusTooLarge", message, now),
            }, ct);
            await recorder.WarningAsync(key, "StatusTooLarge", message, ct);
        }
        catch (Exception we) when (we is not OperationCanceledException)
        {
            await recorder.WarningAsync(key, "StatusWriteFailed", $"{message}; writing even the reduced status failed: {we.Message}", ct);
        }
    }

    /// <summary>The spec cannot be applied: the terminal condition (and the generation it is about) in status, a Warning
    /// event, and the manifest remembered so the key waits for a new one.</summary>
    private async Task RecordTerminalAsync(ResourceKey key, TerminalReconcileException e, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        StoredResource? failed = null;
        await statusWriter.UpdateAsync<ResourceStatus>(key, (item, status) =>
        {
            failed = item;
            status ??= new ResourceStatus();
            return status with
            {
                ObservedGeneration = item.Generation,
                Conditions = status.Conditions.Set(e.ConditionType, true, e.Reason, e.Message, now),
            };
        }, ct);
        if (failed is null) return;
        await recorder.WarningAsync(key, e.Reason, e.Message, ct);
        terminal[key] = failed.ManifestHash;
    }
}
