using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Apps;

/// <summary>Records an App's events, and reports what blocks an App (a conflict, a failed hook) the one way it is reported.</summary>
internal sealed class AppRecorder(IEventStore events, TimeProvider time)
{
    public Task RecordAsync(ResourceKey key, string type, string reason, string message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return events.RecordAsync(key, new ResourceEvent(key, type, reason, message, 1, now, now), ct);
    }

    /// <summary>The App cannot go on until something changes: Degraded and not Progressing with
    /// <paramref name="reason"/>, and a warning event.</summary>
    public Task BlockedAsync(AppContext app, string reason, string message, CancellationToken ct)
    {
        app.SetCondition(ConditionTypes.Degraded, "True", reason, message);
        app.SetCondition(ConditionTypes.Progressing, "False", reason, message);
        return RecordAsync(app.Key, ResourceEvent.Warning, reason, message, ct);
    }
}
