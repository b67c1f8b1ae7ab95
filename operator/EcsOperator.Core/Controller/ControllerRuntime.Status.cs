using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Controller;

/// <summary>Conditions and events the runtime itself records on an object when its reconcile cannot finish.</summary>
public sealed partial class ControllerRuntime
{
    /// <summary>A reconcile blocked by a missing external resource: Degraded=True naming it, and a Warning event. Not
    /// terminal: the key is looked at again after a long, growing wait.</summary>
    private async Task RecordMissingAsync(ResourceKey key, MissingResource what, string message, CancellationToken ct)
    {
        var item = await store.GetAsync(key, ct);
        if (item is null) return;
        var status = item.Status?.DeepClone().AsObject() ?? [];
        var now = time.GetUtcNow();
        if (StatusConditions.Set(status, "Degraded", "True", what.Reason, message, now))
            await store.UpdateStatusAsync(key, item.ManifestHash, status, ct);
        await events.RecordAsync(key, new ResourceEvent(key, ResourceEvent.Warning, what.Reason, message, 1, now, now), ct);
    }

    /// <summary>
    /// The reconcile's status did not fit. What was there stays readable in a small status: the conditions (messages
    /// cut to 1 KB) with Degraded=True reason StatusTooLarge, so <c>ecsctl get</c> shows Degraded and <c>describe</c>
    /// says why, plus a Warning event. When even that cannot be written, a StatusWriteFailed event is the last resort.
    /// </summary>
    private async Task RecordStatusTooLargeAsync(ResourceKey key, StatusTooLargeException e, CancellationToken ct)
    {
        var item = await store.GetAsync(key, ct);
        if (item is null) return;
        var now = time.GetUtcNow();
        var message = $"the status the operator computed is {e.Bytes} bytes and cannot be stored ({e.Message}); only conditions are kept";
        var status = new JsonObject();
        var conditions = new JsonArray();
        foreach (var c in item.Status.Arr("conditions").Objects())
        {
            var copy = c.DeepClone().AsObject();
            if (copy.Str("message") is { Length: > 1024 } text) copy["message"] = text[..1024] + "…";
            conditions.Add(copy);
        }
        status["conditions"] = conditions;
        StatusConditions.Set(status, "Degraded", "True", "StatusTooLarge", message, now);
        try
        {
            await store.UpdateStatusAsync(key, item.ManifestHash, status, ct);
            await events.RecordAsync(key, new ResourceEvent(key, ResourceEvent.Warning, "StatusTooLarge", message, 1, now, now), ct);
        }
        catch (Exception we) when (we is not OperationCanceledException)
        {
            var failed = $"{message}; writing even the reduced status failed: {we.Message}";
            await events.RecordAsync(key, new ResourceEvent(key, ResourceEvent.Warning, "StatusWriteFailed", failed, 1, now, now), ct);
        }
    }
}
