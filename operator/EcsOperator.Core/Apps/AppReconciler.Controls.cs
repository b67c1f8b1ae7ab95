using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Apps;

/// <summary>The annotations by which <c>ecsctl rollout restart|pause|resume</c> steer an App, declaratively.</summary>
public static class AppControls
{
    /// <summary>Any new value asks for one new deployment of the running revision (ECS forceNewDeployment); the value
    /// handled last is kept in <c>status.restartedAt</c>, so a restart of the operator does not repeat it.</summary>
    public const string RestartedAtAnnotation = "ecs.operator/restartedAt";

    /// <summary>"true": a changed task definition is not rolled out (the service keeps its revision; other service
    /// fields and the desired count are still applied); status says Paused until the annotation goes.</summary>
    public const string PausedAnnotation = "ecs.operator/paused";

    /// <summary>Progressing=False with this reason while a rollout is held back by <see cref="PausedAnnotation"/>.</summary>
    public const string PausedReason = "Paused";
}

public sealed partial class AppReconciler
{
    private static bool IsPaused(AppContext app) =>
        app.Annotations.TryGetValue(AppControls.PausedAnnotation, out var v) && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Pause holds a change of task definition back: status says so and names the command that resumes.</summary>
    private void ReportPaused(AppContext app, bool held)
    {
        if (!IsPaused(app))
        {
            app.Status.Remove("paused");
            return;
        }

        app.Status["paused"] = true;
        if (held)
        {
            SetCondition(app, ConditionTypes.Progressing, "False", AppControls.PausedReason,
                $"rollout paused ({AppControls.PausedAnnotation}); the service keeps its revision until: ecsctl rollout resume app/{app.Key.Name}");
        }
    }

    /// <summary>
    /// A new value of the restart annotation makes one new deployment of the revision the service runs. Held while
    /// paused; when a rollout starts anyway, that new deployment is the restart. A value is marked handled in status
    /// only after ECS accepted the update (a crash in between repeats the restart, never skips it).
    /// </summary>
    private async Task<JsonObject> RestartIfAskedAsync(AppContext app, JsonObject svc, bool created, bool rollingOut, string targetArn, CancellationToken ct)
    {
        if (!app.Annotations.TryGetValue(AppControls.RestartedAtAnnotation, out var asked) || app.Status.Str("restartedAt") == asked) return svc;
        if (IsPaused(app) && !created) return svc;
        if (created || rollingOut)
        {
            app.Status["restartedAt"] = asked;
            return svc;
        }

        var resp = await ecs.SendAsync(EcsAction.UpdateService, new JsonObject
        {
            ["cluster"] = app.Cluster,
            ["service"] = app.ServiceName,
            ["forceNewDeployment"] = true,
        }, ct);
        services.Invalidate(app.Cluster, app.ServiceName);
        app.Status["restartedAt"] = asked;
        StartRollout(app, targetArn);
        await RecordAsync(app.Key, ResourceEvent.Normal, "Restarted", $"new deployment of {targetArn} ({AppControls.RestartedAtAnnotation}: {asked})", ct);
        var updated = resp.Obj("service") ?? svc;
        updated["tags"] ??= svc["tags"]?.DeepClone();
        return updated;
    }
}
