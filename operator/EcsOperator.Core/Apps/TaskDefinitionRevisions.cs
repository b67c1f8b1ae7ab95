using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Apps;

/// <summary>
/// The revisions of an App's task-definition family: finds the one matching what the App asks for or registers it,
/// keeps <c>status.revisions</c> (newest first) and deregisters those beyond <c>revisionHistoryLimit</c>.
/// </summary>
internal sealed class TaskDefinitionRevisions(IEcsApi ecs, TaskDefinitionCache taskDefinitions, FamilyClaims families,
    AppRecorder recorder, ILogger logger)
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
        var arns = (await ecs.ListTaskDefinitionsAsync(app.Family, "ACTIVE", ct))
            .Where(a => TaskDefinitionArn.FamilyOf(a) == app.Family).Reverse().ToList();
        foreach (var arn in arns.Take(Math.Max(10, app.Spec.RevisionHistoryLimit + 1)))
        {
            if (await MatchesAsync(app, arn, desired, ct, requireOwner: true)) return arn;
        }
        if (arns.Count > 0 && !app.Adopting && await taskDefinitions.GetNormalizedAsync(arns[0], ct) is { } latest
            && AppTags.Owner(latest.Tags) != app.Key.Pk)
        {
            var message = $"task definition family {app.Family} has revisions {app.Key.Pk} did not register " +
                $"(owner: {AppTags.Owner(latest.Tags) ?? "none"}); add the annotation {AppTags.AdoptAnnotation}: \"true\" to take them over";
            await families.ReportConflictAsync(app, message, ct);
            return null;
        }
        var request = desired.Request.DeepClone().AsObject();
        request["tags"] = AppTags.Write(desired.Tags);
        var resp = await ecs.SendAsync(EcsAction.RegisterTaskDefinition, request, ct);
        var td = resp.Obj("taskDefinition") ?? throw new InvalidOperationException("RegisterTaskDefinition returned no taskDefinition");
        taskDefinitions.Remember(td, resp.Arr("tags") ?? AppTags.Write(desired.Tags));
        var registered = td.Str("taskDefinitionArn")!;
        Log.Registered(logger, registered);
        await recorder.RecordAsync(app.Key, ResourceEvent.Normal, "RevisionRegistered", $"registered {registered}", ct);
        return registered;
    }

    /// <summary>Puts the revision at the head of status.revisions (newest first). An entry is a reference (ARN, revision,
    /// spec hash), never the definition itself: the definition lives in ECS (<c>ecsctl rollout undo</c> reads it from
    /// there), so the status stays small whatever the size of the task definition and however many revisions are kept.</summary>
    public static void Remember(AppContext app, string arn, DesiredTaskDefinition desired)
    {
        if (app.Status["revisions"] is not JsonArray revisions)
        {
            revisions = [];
            app.Status["revisions"] = revisions;
        }
        // Statuses written by earlier versions carried each revision's full definition: drop it.
        foreach (var entry in revisions.Objects()) entry.Remove("taskDefinition");
        if (revisions.Count > 0 && (revisions[0] as JsonObject).Str("taskDefinitionArn") == arn) return;
        for (var i = revisions.Count - 1; i >= 0; i--)
        {
            if ((revisions[i] as JsonObject).Str("taskDefinitionArn") == arn) revisions.RemoveAt(i);
        }
        revisions.Insert(0, new JsonObject
        {
            ["taskDefinitionArn"] = arn,
            ["revision"] = TaskDefinitionArn.RevisionOf(arn),
            ["specHash"] = desired.SpecHash,
            ["generation"] = app.Generation,
            ["createdAt"] = app.Now.ToString("O"),
            // what `ecsctl rollout undo` writes back into the manifest besides the definition it reads from ECS
            ["annotations"] = new JsonObject([.. app.SimulatorAnnotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
        });
    }

    /// <summary>Deregisters our revisions beyond revisionHistoryLimit (never the one running).</summary>
    public async Task PruneAsync(AppContext app, JsonObject svc, CancellationToken ct)
    {
        if (app.Status["revisions"] is not JsonArray revisions) return;
        var keep = app.Spec.RevisionHistoryLimit + 1;
        for (var i = revisions.Count - 1; i >= keep; i--)
        {
            var arn = (revisions[i] as JsonObject).Str("taskDefinitionArn");
            if (arn is not null && arn != svc.Str("taskDefinition")
                && await taskDefinitions.GetNormalizedAsync(arn, ct) is { } td && AppTags.Owner(td.Tags) == app.Key.Pk)
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
            revisions.RemoveAt(i);
        }
    }
}
