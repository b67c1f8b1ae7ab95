using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Jobs;

/// <summary>Where and what a Job runs: cluster, task definition revision, main container.</summary>
public sealed record JobTarget(string Cluster, string TaskDefinitionArn, string Container);

/// <summary>Outcome of resolving a Job's target: the target, or why not yet (retry later) or never (the Job fails).</summary>
public sealed record JobTargetResult(JobTarget? Target, string? NotReady, string? Invalid)
{
    public static JobTargetResult Ok(JobTarget t) => new(t, null, null);
    public static JobTargetResult Wait(string why) => new(null, why, null);
    public static JobTargetResult Fail(string why) => new(null, null, why);
}

/// <summary>
/// Resolves a Job's task definition: an <c>appRef</c> runs the App's current revision (or the revision pinned by the
/// <see cref="JobAnnotations.TaskDefinition"/> annotation, which must be owned by that App); an inline task definition
/// is registered once with ownership tags and the Job's uid, found again after a crash instead of registered twice.
/// Main containers of revisions are cached (revisions never change).
/// </summary>
public sealed class JobTargetResolver(IResourceStore store, IEcsApi ecs)
{
    private readonly ConcurrentDictionary<string, (string Container, JsonArray Tags)> revisions = new(StringComparer.Ordinal);

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
            if (!parsed.Ok) return JobTargetResult.Wait($"App {appRef} has an invalid manifest");
            cluster ??= parsed.Documents[0].GetSpec<AppSpec>().Cluster;
            if (arn is null && job.Metadata.Annotations?.GetValueOrDefault(JobAnnotations.TaskDefinition) is { Length: > 0 } pinned)
            {
                var owned = await DescribeAsync(pinned, ct);
                if (owned is null) return JobTargetResult.Fail($"task definition {pinned} does not exist");
                if (!HasTag(owned.Value.Tags, OperatorTags.Owner, appKey.Pk))
                    return JobTargetResult.Fail($"task definition {pinned} is not a revision of App {appRef}");
                arn = pinned;
            }
            arn ??= app.Status.Str("activeTaskDefinition")
                ?? app.Status.Arr("revisions").Objects().Select(r => r.Str("taskDefinitionArn")).FirstOrDefault(a => a is not null);
            if (arn is null) return JobTargetResult.Wait($"App {appRef} has no task definition revision yet");
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
        var container = state.Container ?? spec.Container;
        if (container is null)
        {
            var described = await DescribeAsync(arn, ct);
            if (described is null) return JobTargetResult.Wait($"task definition {arn} is not known to ECS");
            container = described.Value.Container;
        }
        return JobTargetResult.Ok(new JobTarget(cluster, arn, container));
    }

    private async Task<string> RegisterInlineAsync(ResourceKey job, JsonObject inline, string uid, bool fresh, CancellationToken ct)
    {
        var body = inline.DeepClone().AsObject();
        var family = body.Str("family") is { Length: > 0 } f ? f : $"job-{job.Namespace}-{job.Name}";
        body["family"] = family;
        if (!fresh)
        {
            var existing = await ecs.ListTaskDefinitionsAsync(family, "ACTIVE", ct);
            foreach (var candidate in existing.Where(a => FamilyOf(a) == family).Reverse().Take(3))
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
        var resp = await ecs.SendAsync(EcsAction.RegisterTaskDefinition, body, ct);
        var td = resp.Obj("taskDefinition");
        var arn = td.Str("taskDefinitionArn") ?? throw new AwsApiException(AwsErrorKind.Other, "InvalidResponse", "RegisterTaskDefinition returned no ARN");
        if (td is not null) revisions[arn] = (MainContainer(td), body.Arr("tags")!);
        return arn;
    }

    private async Task<(string Container, JsonArray Tags)?> DescribeAsync(string arn, CancellationToken ct)
    {
        if (revisions.TryGetValue(arn, out var known)) return known;
        if (await ecs.DescribeTaskDefinitionAsync(arn, ct) is not { } d) return null;
        var entry = (MainContainer(d.TaskDefinition), d.Tags);
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

    private static bool HasTag(JsonArray tags, string key, string value) =>
        tags.Objects().Any(t => t.Str("key") == key && t.Str("value") == value);

    private static JsonObject Tag(string key, string value) => new() { ["key"] = key, ["value"] = value };

    private static string FamilyOf(string arn)
    {
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        var colon = name.LastIndexOf(':');
        return colon > 0 ? name[..colon] : name;
    }
}
