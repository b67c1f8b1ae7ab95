using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

/// <summary>
/// The revisions of an App's task-definition family: finds the one matching what the App asks for or registers it,
/// keeps <c>status.revisions</c> (newest first) and deregisters those beyond <c>revisionHistoryLimit</c>.
/// </summary>
internal sealed class TaskDefinitionRevisions(IEcsApi ecs, TaskDefinitionCache taskDefinitions, FamilyClaims families,
    EventRecorder events, AppReconcilerOptions options, ILogger logger)
{
    /// <summary>Same normalised definition and the same simulator tags; <paramref name="requireOwner"/> also asks that we registered it.</summary>
    public async Task<bool> MatchesAsync(AppContext app, string arn, DesiredTaskDefinition desired, CancellationToken ct, bool requireOwner = false)
    {
        if (await taskDefinitions.GetNormalizedAsync(arn, ct) is not { } live
            || TaskDefinitionRenderer.Compared(live.Normalized, desired.Ignored) != desired.Compared) return false;
        if (requireOwner && AppTags.Owner(live.Tags) != app.Key.Pk) return false;
        var liveSim = live.Tags.Where(t => t.Key.StartsWith(AppTags.SimulatorPrefix, StringComparison.Ordinal)).OrderBy(t => t.Key, StringComparer.Ordinal);
        return liveSim.SequenceEqual(app.SimulatorAnnotations);
    }

    /// <summary>
    /// The ARN of an ACTIVE revision we own that matches, else a newly registered one. Looking before registering is
    /// what makes a crash between RegisterTaskDefinition and UpdateService harmless: the retry finds the revision.
    /// Null when the family belongs to someone else (reported as a conflict).
    /// </summary>
    public async Task<string?> EnsureAsync(AppContext app, DesiredTaskDefinition desired, CancellationToken ct)
    {
        var (found, arns) = await FindOwnedAsync(app, desired, ct);
        if (found is not null) return found;
        if (arns.Count > 0 && !app.Adopting && await taskDefinitions.GetNormalizedAsync(arns[0], ct) is { } latest
            && AppTags.Owner(latest.Tags) != app.Key.Pk)
        {
            var message = $"task definition family {app.Family} has revisions {app.Key.Pk} did not register " +
                $"(owner: {AppTags.Owner(latest.Tags) ?? "none"}); add the annotation {AppTags.AdoptAnnotation}: \"true\" to take them over";
            await families.ReportConflictAsync(app, message, ct);
            return null;
        }
        var request = desired.Request.DeepClone().AsObject();
        request["tags"] = AppTags.Write(AppTags.WithEpoch(desired.Tags, options.StoreEpoch));
        JsonObject resp;
        try
        {
            resp = await ecs.SendAsync(EcsAction.RegisterTaskDefinition, request, ct);
        }
        catch (AwsApiException e) when (e.Kind is AwsErrorKind.Transport)
        {
            // The answer was lost, but the call may have taken effect (the wire client does not resend it: it has no
            // idempotency token, so each send adds a revision). If it did, the revision is listed now: use it.
            if ((await FindOwnedAsync(app, desired, ct)).Found is { } made) return made;
            throw;
        }
        var td = resp.Obj("taskDefinition") ?? throw new InvalidOperationException("RegisterTaskDefinition returned no taskDefinition");
        taskDefinitions.Remember(td, resp.Arr("tags") ?? AppTags.Write(desired.Tags));
        var registered = td.Str("taskDefinitionArn")!;
        Log.Registered(logger, registered);
        await events.NormalAsync(app.Key, "RevisionRegistered", $"registered {registered}", ct);
        return registered;
    }

    /// <summary>The newest ACTIVE revision of the family that we registered for this App and that matches the rendered
    /// definition (null if none), and the family's ACTIVE revisions, newest first.</summary>
    private async Task<(string? Found, List<string> Arns)> FindOwnedAsync(AppContext app, DesiredTaskDefinition desired, CancellationToken ct)
    {
        var arns = (await ecs.ListTaskDefinitionsAsync(app.Family, "ACTIVE", ct))
            .Where(a => TaskDefinitionArn.FamilyOf(a) == app.Family).Reverse().ToList();
        foreach (var arn in arns.Take(Math.Max(10, app.Spec.RevisionHistoryLimit + 1)))
        {
            if (await MatchesAsync(app, arn, desired, ct, requireOwner: true)) return (arn, arns);
        }
        return (null, arns);
    }

    /// <summary>Puts the revision at the head of status.revisions (newest first). An entry is a reference (ARN, revision,
    /// spec hash), never the definition itself: the definition lives in ECS (<c>ecsctl rollout undo</c> reads it from
    /// there), so the status stays small whatever the size of the task definition and however many revisions are kept.</summary>
    public static void Remember(AppContext app, string arn, DesiredTaskDefinition desired)
    {
        var revisions = app.Status.Revisions ?? [];
        if (revisions.Count > 0 && revisions[0].TaskDefinitionArn == arn) return;
        var entry = new AppRevision
        {
            TaskDefinitionArn = arn,
            Revision = TaskDefinitionArn.RevisionOf(arn),
            SpecHash = desired.SpecHash,
            Generation = app.Generation,
            CreatedAt = app.Now,
            // what `ecsctl rollout undo` writes back into the manifest besides the definition it reads from ECS
            Annotations = app.SimulatorAnnotations.ToDictionary(StringComparer.Ordinal),
        };
        app.Status = app.Status with { Revisions = [entry, .. revisions.Where(r => r.TaskDefinitionArn != arn)] };
    }

    /// <summary>Deregisters our revisions beyond revisionHistoryLimit (never the one running).</summary>
    public async Task PruneAsync(AppContext app, JsonObject svc, CancellationToken ct)
    {
        var revisions = app.Status.Revisions ?? [];
        var keep = app.Spec.RevisionHistoryLimit + 1;
        for (var i = revisions.Count - 1; i >= keep; i--)
        {
            var arn = revisions[i].TaskDefinitionArn;
            if (arn != svc.Str("taskDefinition") && await taskDefinitions.GetNormalizedAsync(arn, ct) is { } td && AppTags.Owner(td.Tags) == app.Key.Pk)
            {
                try
                {
                    await ecs.SendAsync(EcsAction.DeregisterTaskDefinition, new JsonObject { ["taskDefinition"] = arn }, ct);
                    Log.Deregistered(logger, arn);
                }
                catch (AwsApiException e) when (e.Kind is AwsErrorKind.NotFound or AwsErrorKind.InvalidParameter)
                {
                    // already gone
                }
            }
        }
        if (revisions.Count > keep) app.Status = app.Status with { Revisions = [.. revisions.Take(keep)] };
    }
}
