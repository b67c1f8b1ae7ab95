using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Apps;

public sealed partial class AppReconciler
{
    /// <summary>The task definition an App asks for: the request body, its tags, and its normalised form.</summary>
    /// <summary><paramref name="Compared"/>: the normalised form without the ignored paths, what a live revision must equal.</summary>
    private sealed record DesiredTaskDefinition(JsonObject Request, Dictionary<string, string> Tags, string Normalized, string SpecHash,
        string Compared, IReadOnlyList<IReadOnlyList<string>> Ignored);

    private static DesiredTaskDefinition RenderTaskDefinition(AppContext app)
    {
        var tags = AppTags.Read(app.Spec.TaskDefinition["tags"] as JsonArray);
        var request = TaskDefinitionRequest(app.Spec, app.Family);
        foreach (var (k, v) in OwnerTags(app)) tags[k] = v;
        tags[OperatorTags.Generation] = app.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (k, v) in SimulatorAnnotations(app)) tags[k] = v;
        var normalized = TaskDefinitionNormalizer.Normalize(request).ToJsonString();
        var withSim = normalized + string.Join(";", SimulatorAnnotations(app).Select(p => p.Key + "=" + p.Value));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(withSim)))[..16];
        // A revision registered for any reason carries what the spec says, ignored paths included; they are only left
        // out of the comparison, so a change to them alone registers no revision.
        var ignored = IgnoreRules.Under(app.Ignored, "taskDefinition");
        return new DesiredTaskDefinition(request, tags, normalized, hash, Compared(normalized, ignored), ignored);
    }

    private static string Compared(string normalized, IReadOnlyList<IReadOnlyList<string>> ignored) =>
        ignored.Count == 0 ? normalized : DefinitionDiff.Compared(JsonNode.Parse(normalized)!.AsObject(), ignored).ToJsonString();

    private static IEnumerable<KeyValuePair<string, string>> SimulatorAnnotations(AppContext app) =>
        app.Annotations.Where(a => a.Key.StartsWith(AppTags.SimulatorPrefix, StringComparison.Ordinal)).OrderBy(a => a.Key, StringComparer.Ordinal);

    /// <summary>Same normalised definition and the same simulator tags; <paramref name="requireOwner"/> also asks that we registered it.</summary>
    private async Task<bool> MatchesAsync(AppContext app, string arn, DesiredTaskDefinition desired, CancellationToken ct, bool requireOwner = false)
    {
        if (await taskDefinitions.GetNormalizedAsync(arn, ct) is not { } live || Compared(live.Normalized, desired.Ignored) != desired.Compared) return false;
        if (requireOwner && AppTags.Owner(live.Tags) != app.Key.Pk) return false;
        var liveSim = live.Tags.Where(t => t.Key.StartsWith(AppTags.SimulatorPrefix, StringComparison.Ordinal)).OrderBy(t => t.Key, StringComparer.Ordinal);
        return liveSim.SequenceEqual(SimulatorAnnotations(app));
    }

    /// <summary>
    /// The ARN of an ACTIVE revision we own that matches, else a newly registered one. Looking before registering is
    /// what makes a crash between RegisterTaskDefinition and UpdateService harmless: the retry finds the revision.
    /// Null when the family belongs to someone else (reported as a conflict).
    /// </summary>
    private async Task<string?> EnsureRevisionAsync(AppContext app, DesiredTaskDefinition desired, CancellationToken ct)
    {
        var (found, arns) = await FindOwnedRevisionAsync(app, desired, ct);
        if (found is not null) return found;
        if (arns.Count > 0 && !Adopting(app) && await taskDefinitions.GetNormalizedAsync(arns[0], ct) is { } latest
            && AppTags.Owner(latest.Tags) != app.Key.Pk)
        {
            var message = $"task definition family {app.Family} has revisions {app.Key.Pk} did not register " +
                $"(owner: {AppTags.Owner(latest.Tags) ?? "none"}); add the annotation {AppTags.AdoptAnnotation}: \"true\" to take them over";
            await ReportFamilyConflictAsync(app, message, ct);
            return null;
        }
        var request = desired.Request.DeepClone().AsObject();
        request["tags"] = AppTags.Write(WithEpoch(desired.Tags));
        JsonObject resp;
        try
        {
            resp = await ecs.SendAsync(EcsAction.RegisterTaskDefinition, request, ct);
        }
        catch (AwsApiException e) when (e.Kind is AwsErrorKind.Transport)
        {
            // The answer was lost, but the call may have taken effect (the wire client does not resend it: it has no
            // idempotency token, so each send adds a revision). If it did, the revision is listed now: use it.
            if ((await FindOwnedRevisionAsync(app, desired, ct)).Found is { } made) return made;
            throw;
        }
        var td = resp.Obj("taskDefinition") ?? throw new InvalidOperationException("RegisterTaskDefinition returned no taskDefinition");
        taskDefinitions.Remember(td, resp.Arr("tags") ?? AppTags.Write(desired.Tags));
        var registered = td.Str("taskDefinitionArn")!;
        Log.Registered(logger, registered);
        await RecordAsync(app.Key, ResourceEvent.Normal, "RevisionRegistered", $"registered {registered}", ct);
        return registered;
    }

    /// <summary>The newest ACTIVE revision of the family that we registered for this App and that matches the rendered
    /// definition (null if none), and the family's ACTIVE revisions, newest first.</summary>
    private async Task<(string? Found, List<string> Arns)> FindOwnedRevisionAsync(AppContext app, DesiredTaskDefinition desired, CancellationToken ct)
    {
        var arns = (await ecs.ListTaskDefinitionsAsync(app.Family, "ACTIVE", ct))
            .Where(a => FamilyOf(a) == app.Family).Reverse().ToList();
        foreach (var arn in arns.Take(Math.Max(10, app.Spec.RevisionHistoryLimit + 1)))
        {
            if (await MatchesAsync(app, arn, desired, ct, requireOwner: true)) return (arn, arns);
        }
        return (null, arns);
    }

    /// <summary>Puts the revision at the head of status.revisions (newest first). An entry is a reference (ARN, revision,
    /// spec hash), never the definition itself: the definition lives in ECS (<c>ecsctl rollout undo</c> reads it from
    /// there), so the status stays small whatever the size of the task definition and however many revisions are kept.</summary>
    private static void RememberRevision(AppContext app, string arn, DesiredTaskDefinition desired)
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
            ["revision"] = RevisionOf(arn),
            ["specHash"] = desired.SpecHash,
            ["generation"] = app.Generation,
            ["createdAt"] = app.Now.ToString("O"),
            // what `ecsctl rollout undo` writes back into the manifest besides the definition it reads from ECS
            ["annotations"] = new JsonObject([.. SimulatorAnnotations(app).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
        });
    }

    private bool IsHoldingAfterRollback(AppContext app) =>
        app.Status.Obj("rollout") is { } r && r.Str("state") == "RolledBack" && r.Long("generation") == app.Generation
        && r.Str("targetTaskDefinition") is not null;

    private static bool Adopting(AppContext app) => app.Annotations.GetValueOrDefault(AppTags.AdoptAnnotation) == "true";

    /// <summary>"arn:aws:ecs:r:a:task-definition/web:3" → "web".</summary>
    internal static string FamilyOf(string arn)
    {
        var slash = arn.LastIndexOf('/');
        var colon = arn.LastIndexOf(':');
        return slash >= 0 && colon > slash ? arn[(slash + 1)..colon] : arn;
    }

    internal static int RevisionOf(string arn) =>
        int.TryParse(arn[(arn.LastIndexOf(':') + 1)..], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : 0;

    private async Task ReportConflictAsync(AppContext app, string message, CancellationToken ct)
    {
        Log.Conflict(logger, app.ServiceName, message);
        SetCondition(app, ConditionTypes.Degraded, "True", "Conflict", message);
        SetCondition(app, ConditionTypes.Progressing, "False", "Conflict", message);
        await RecordAsync(app.Key, ResourceEvent.Warning, "Conflict", message, ct);
    }
}
