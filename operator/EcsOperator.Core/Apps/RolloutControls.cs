using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Apps;

/// <summary>Carries out what the <see cref="AppControls"/> annotations ask: pause a rollout, restart the service.</summary>
internal sealed class RolloutControls(IEcsApi ecs, ServiceSnapshotCache services, EventRecorder events)
{
    /// <summary>Pause holds a change of task definition back: status says so and names the command that resumes.</summary>
    public static void ReportPaused(AppContext app, bool held)
    {
        app.Status = app.Status with { Paused = app.Paused ? true : null };
        if (app.Paused && held)
        {
            app.SetCondition(ConditionTypes.Progressing, false, AppControls.PausedReason,
                $"rollout paused ({AppControls.PausedAnnotation}); the service keeps its revision until: ecsctl rollout resume app/{app.Key.Name}");
        }
    }

    /// <summary>
    /// A new value of the restart annotation makes one new deployment of the revision the service runs. Held while
    /// paused; when a rollout starts anyway, that new deployment is the restart. A value is marked handled in status
    /// only after ECS accepted the update (a crash in between repeats the restart, never skips it).
    /// </summary>
    public async Task<JsonObject> RestartIfAskedAsync(AppContext app, JsonObject svc, bool created, bool rollingOut, string targetArn, CancellationToken ct)
    {
        if (!app.Annotations.TryGetValue(AppControls.RestartedAtAnnotation, out var asked) || app.Status.RestartedAt == asked) return svc;
        if (app.Paused && !created) return svc;
        if (created || rollingOut)
        {
            app.Status = app.Status with { RestartedAt = asked };
            return svc;
        }

        var resp = await ecs.SendAsync(EcsAction.UpdateService, new JsonObject
        {
            ["cluster"] = app.Cluster,
            ["service"] = app.ServiceName,
            ["forceNewDeployment"] = true,
        }, ct);
        services.Invalidate(app.Cluster, app.ServiceName);
        app.Status = app.Status with { RestartedAt = asked };
        app.StartRollout(targetArn);
        await events.NormalAsync(app.Key, "Restarted", $"new deployment of {targetArn} ({AppControls.RestartedAtAnnotation}: {asked})", ct);
        var updated = resp.Obj("service") ?? svc;
        updated["tags"] ??= svc["tags"]?.DeepClone();
        return updated;
    }
}
