using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Jobs;

/// <summary>Where and what a Job runs: cluster, task definition revision, main container.</summary>
/// <param name="LogGroup">CloudWatch Logs group of the main container (awslogs driver), when known.</param>
/// <param name="LogStreamPrefix">Stream name before the task id (<c>&lt;awslogs-stream-prefix&gt;/&lt;container&gt;</c>).</param>
public sealed record JobTarget(string Cluster, string TaskDefinitionArn, string Container, string? LogGroup = null, string? LogStreamPrefix = null)
{
    /// <summary>The log stream of one task of this target, when known.</summary>
    public string? LogStreamOf(string taskArn) => LogStreamPrefix is null ? null : LogStreamPrefix + "/" + taskArn[(taskArn.LastIndexOf('/') + 1)..];
}

/// <summary>Outcome of resolving a Job's target: the target, or why not yet (retry later) or never (the Job fails with
/// <see cref="FailReason"/>).</summary>
public sealed record JobTargetResult(JobTarget? Target, string? NotReady, string? Invalid, string FailReason = JobReasons.InvalidSpec)
{
    public static JobTargetResult Ok(JobTarget t) => new(t, null, null);
    public static JobTargetResult Wait(string why) => new(null, why, null);
    public static JobTargetResult Fail(string why, string reason = JobReasons.InvalidSpec) => new(null, null, why, reason);
}

/// <summary>
/// Resolves a Job's task definition: an <c>appRef</c> runs the App's current revision (or the revision pinned by the
/// <see cref="JobAnnotations.TaskDefinition"/> annotation, which must be owned by that App); an inline task definition
/// is registered once with ownership tags and the Job's uid, found again after a crash instead of registered twice.
/// Main containers of revisions are cached (revisions never change).
/// </summary>
public sealed class JobTargetResolver(IResourceStore store, IEcsApi ecs)
{
    private readonly ConcurrentDictionary<string, Revision> revisions = new(StringComparer.Ordinal);

    private sealed record Revision(JsonObject TaskDefinition, JsonArray Tags);

    public async Task<JobTargetResult> ResolveAsync(ResourceDocument job, JobSpec spec, JobState state, bool fresh, CancellationToken ct)
    {
        string? cluster = spec.Cluster;
        string? arn = state.TaskDefinitionArn;
        if (spec.AppRef is { } appRef)
        {
            var appKey = new ResourceKey(ResourceKind.App, job.Key.Namespace, appRef);
            var app = await store.GetAsync(appKey, ct);
            if (app is null) return JobTargetResult.Wait($"App {appRef} does not exist");
            var parsed = ManifestParser.ParseSingle(app.Manifest, appKey.Pk);
            if (!parsed.Ok)
                return JobTargetResult.Fail($"App {appRef} has an invalid manifest: {string.Join("; ", parsed.Errors)}", JobReasons.AppFailed);
            cluster ??= parsed.Documents[0].GetSpec<AppSpec>().Cluster;
            if (arn is null && job.Metadata.Annotations?.GetValueOrDefault(JobAnnotations.TaskDefinition) is { Length: > 0 } pinned)
            {
                var owned = await DescribeAsync(pinned, ct);
                if (owned is null) return JobTargetResult.Fail($"task definition {pinned} does not exist");
                if (!HasTag(owned.Tags, OperatorTags.Owner, appKey.Pk))
                    return JobTargetResult.Fail($"task definition {pinned} is not a revision of App {appRef}");
                arn = pinned;
            }
            var appStatus = StatusWriter.Read<AppStatus>(app);
            arn ??= appStatus?.ActiveTaskDefinition ?? appStatus?.Revisions?.FirstOrDefault()?.TaskDefinitionArn;
            if (arn is null) return AppNotReady(appRef, app);
        }
        else if (spec.TaskDefinition is { } inline)
        {
            arn ??= await RegisterInlineAsync(job.Key, inline, state.Uid, fresh, ct);
        }
        else
        {
            return JobTargetResult.Fail("the Job names neither appRef nor taskDefinition");
        }
        if (string.IsNullOrEmpty(cluster)) return JobTargetResult.Fail("spec.cluster is required when the App does not give one");
        var described = await DescribeAsync(arn, ct);
        if (described is null) return JobTargetResult.Wait($"task definition {arn} is not known to ECS");
        var container = state.Container ?? spec.Container ?? MainContainer(described.TaskDefinition);
        var names = described.TaskDefinition.Arr("containerDefinitions").Objects().Select(c => c.Str("name")).OfType<string>().ToList();
        if (names.Count > 0 && !names.Contains(container, StringComparer.Ordinal))
            return JobTargetResult.Fail($"container {container} is not in task definition {arn} (its containers: {string.Join(", ", names)})");
        var (group, prefix) = LogTarget(described.TaskDefinition, container);
        return JobTargetResult.Ok(new JobTarget(cluster, arn, container, group, prefix));
    }

    /// <summary>App conditions a new spec alone can clear (an invalid or refused spec, a hook that failed, a family or
    /// service owned by another App): a Job waiting for such an App would wait forever.</summary>
    private static readonly HashSet<string> TerminalAppReasons = new(StringComparer.Ordinal)
    {
        "InvalidSpec", "KeyMismatch", "Rejected", "Conflict", "FamilyConflict", "HookFailed", "Terminal",
    };

    /// <summary>Why an App has no revision to run yet, in the App's own words; a failure when the App is stuck on a
    /// reason that will not clear by itself.</summary>
    private static JobTargetResult AppNotReady(string appRef, StoredResource app)
    {
        var status = StatusWriter.Read<ResourceStatus>(app) ?? new ResourceStatus();
        var degraded = status.Conditions.Find(ConditionTypes.Degraded);
        var progressing = status.Conditions.Find(ConditionTypes.Progressing);
        var current = status.ObservedGeneration == app.Generation;
        if (current && degraded is { IsTrue: true, Reason: var reason } && TerminalAppReasons.Contains(reason))
            return JobTargetResult.Fail($"App {appRef} has no task definition and cannot get one: {reason}: {degraded.Message}", JobReasons.AppFailed);
        var why = degraded is { IsTrue: true } ? degraded.Message
            : progressing is { IsTrue: true } ? progressing.Message
            : current ? null : "the operator has not reconciled it yet";
        return JobTargetResult.Wait($"App {appRef} has no task definition yet" + (string.IsNullOrEmpty(why) ? "" : ": " + why));
    }

    private async Task<string> RegisterInlineAsync(ResourceKey job, JsonObject inline, string uid, bool fresh, CancellationToken ct)
    {
        var body = inline.DeepClone().AsObject();
        var family = body.Str("family") is { Length: > 0 } f ? f : $"job-{job.Namespace}-{job.Name}";
        body["family"] = family;
        if (!fresh)
        {
            var existing = await ecs.ListTaskDefinitionsAsync(family, "ACTIVE", ct);
            foreach (var candidate in existing.Where(a => Apps.TaskDefinitionArn.FamilyOf(a) == family).Reverse().Take(3))
            {
                if (await DescribeAsync(candidate, ct) is { } d && HasTag(d.Tags, JobAnnotations.JobUidTag, uid)) return candidate;
            }
        }
        var tags = body.Arr("tags").Objects().Where(t => t.Str("key") is not (OperatorTags.Managed or OperatorTags.Owner or JobAnnotations.JobUidTag))
            .Select(t => (JsonNode?)t.DeepClone()).ToList();
        tags.Add(Tag(OperatorTags.Managed, "true"));
        tags.Add(Tag(OperatorTags.Owner, job.Pk));
        tags.Add(Tag(JobAnnotations.JobUidTag, uid));
        body["tags"] = new JsonArray([.. tags]);
        ApiRequestConformer.Conform(AwsApiModel.Ecs, EcsAction.RegisterTaskDefinition, body);
        var resp = await ecs.SendAsync(EcsAction.RegisterTaskDefinition, body, ct);
        var td = resp.Obj("taskDefinition");
        var arn = td.Str("taskDefinitionArn") ?? throw new AwsApiException(AwsErrorKind.Other, "InvalidResponse", "RegisterTaskDefinition returned no ARN");
        if (td is not null) revisions[arn] = new Revision(td, body.Arr("tags")!);
        return arn;
    }

    private async Task<Revision?> DescribeAsync(string arn, CancellationToken ct)
    {
        if (revisions.TryGetValue(arn, out var known)) return known;
        if (await ecs.DescribeTaskDefinitionAsync(arn, ct) is not { } d) return null;
        var entry = new Revision(d.TaskDefinition, d.Tags);
        revisions[arn] = entry;
        if (d.TaskDefinition.Str("taskDefinitionArn") is { } full) revisions[full] = entry;
        return entry;
    }

    /// <summary>The first essential container (ECS's default for <c>essential</c> is true), else the first.</summary>
    public static string MainContainer(JsonObject taskDefinition)
    {
        var containers = taskDefinition.Arr("containerDefinitions").Objects().ToList();
        var main = containers.FirstOrDefault(c => c.Bool("essential") ?? true) ?? containers.FirstOrDefault();
        return main.Str("name") ?? "main";
    }

    /// <summary>Where a container's output goes: its awslogs group and stream prefix; without awslogs, where the local
    /// simulator writes it (<c>/ecs/&lt;family&gt;</c>, <c>ecs/&lt;container&gt;</c>).</summary>
    public static (string? Group, string? StreamPrefix) LogTarget(JsonObject taskDefinition, string container)
    {
        var def = taskDefinition.Arr("containerDefinitions").Objects().FirstOrDefault(c => c.Str("name") == container);
        var lc = def.Obj("logConfiguration");
        if (lc.Str("logDriver") == "awslogs" && lc.Obj("options") is { } o && o.Str("awslogs-group") is { Length: > 0 } group)
            return o.Str("awslogs-stream-prefix") is { Length: > 0 } prefix ? (group, $"{prefix}/{container}") : (group, null);
        return taskDefinition.Str("family") is { } family ? ("/ecs/" + family, "ecs/" + container) : (null, null);
    }

    private static bool HasTag(JsonArray tags, string key, string value) =>
        tags.Objects().Any(t => t.Str("key") == key && t.Str("value") == value);

    private static JsonObject Tag(string key, string value) => new() { ["key"] = key, ["value"] = value };
}
