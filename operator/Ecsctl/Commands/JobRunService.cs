using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

/// <summary>What <c>ecsctl run</c> asks for.</summary>
internal sealed record RunRequest(
    string App, string? Container, IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Environment,
    int? Cpu, int? Memory, int? TimeoutSeconds, IReadOnlyDictionary<string, string> Annotations);

/// <summary>Creates a one-off Job from an App and follows it to its end: the core of <c>ecsctl run</c>, <c>logs</c>, <c>wait</c>.</summary>
internal sealed class JobRunService(IResourceStore store, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>A fresh Job name: <c>&lt;app&gt;-run-&lt;utc time&gt;-&lt;random&gt;</c>.</summary>
    public string NewJobName(string app)
    {
        var suffix = $"-run-{time.GetUtcNow():yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";
        return (app.Length + suffix.Length > 63 ? app[..(63 - suffix.Length)].TrimEnd('-') : app) + suffix;
    }

    /// <summary>The Job manifest (JSON) for a run request.</summary>
    public static string Manifest(ResourceKey key, RunRequest r)
    {
        var spec = new JsonObject { ["appRef"] = r.App };
        if (r.Container is not null) spec["container"] = r.Container;
        if (r.Command.Count > 0) spec["command"] = r.Command.ToJsonArray();
        if (r.Environment.Count > 0) spec["environment"] = new JsonObject(r.Environment.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));
        if (r.Cpu is { } cpu) spec["cpu"] = cpu;
        if (r.Memory is { } memory) spec["memory"] = memory;
        if (r.TimeoutSeconds is { } timeout) spec["timeoutSeconds"] = timeout;
        var metadata = new JsonObject { ["name"] = key.Name, ["namespace"] = key.Namespace };
        if (r.Annotations.Count > 0) metadata["annotations"] = new JsonObject(r.Annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        return new JsonObject
        {
            ["apiVersion"] = ResourceKinds.ApiVersion,
            ["kind"] = nameof(ResourceKind.Job),
            ["metadata"] = metadata,
            ["spec"] = spec,
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The Job's state, or null while it has none (not reconciled yet); throws when the Job is gone.</summary>
    /// <param name="mayBeMissing">True while a queued Job may not have reached the store yet.</param>
    public async Task<JobState?> StateAsync(ResourceKey key, CancellationToken ct, bool mayBeMissing = false)
    {
        var item = await store.GetAsync(key, ct);
        if (item is null && mayBeMissing) return null;
        if (item is null) throw new Cli.CommandFailedException($"{ResourceRefs.Display(key)} not found in namespace \"{key.Namespace}\"");
        return JobState.FromJson(item.Status);
    }

    /// <summary>The Job's state, or why the operator refused it before it ever started (an invalid manifest: the
    /// <c>Failed</c> condition the controller sets); both null while it is not reconciled yet.</summary>
    public async Task<(JobState? State, string? Refused)> ProgressAsync(ResourceKey key, CancellationToken ct, bool mayBeMissing = false)
    {
        var item = await store.GetAsync(key, ct);
        if (item is null && mayBeMissing) return (null, null);
        if (item is null) throw new Cli.CommandFailedException($"{ResourceRefs.Display(key)} not found in namespace \"{key.Namespace}\"");
        if (JobState.FromJson(item.Status) is { } state) return (state, null);
        var failed = StatusConditions.Get(item.Status, "Failed");
        return failed.Str("status") == "True" && item.Status.Long("observedGeneration") == item.Generation
            ? (null, $"{failed.Str("reason")}: {failed.Str("message")}")
            : (null, null);
    }

    /// <summary>What a Job not yet running waits for, when it says (its reason and message while Pending).</summary>
    public static string? WaitingFor(JobState s) => s.Phase == JobPhases.Pending && !string.IsNullOrEmpty(s.Message) ? s.Message : null;

    /// <summary>True when the Job is in the store (a queued Job: the operator accepted its message).</summary>
    public async Task<bool> ExistsAsync(ResourceKey key, CancellationToken ct) => await store.GetAsync(key, ct) is not null;

    /// <summary>Asks the operator to stop the Job (the <c>ecs.operator/stop</c> annotation): its task is stopped and it fails.</summary>
    public async Task RequestStopAsync(ResourceKey key, string reason, CancellationToken ct)
    {
        var item = await store.GetAsync(key, ct);
        if (item is null || JobState.FromJson(item.Status)?.IsFinished == true) return;
        var parsed = ManifestParser.ParseSingle(item.Manifest, key.Pk);
        if (!parsed.Ok) return;
        var root = parsed.Documents[0].Root.DeepClone().AsObject();
        var meta = root.Obj("metadata")!;
        if (meta["annotations"] is not JsonObject annotations) meta["annotations"] = annotations = [];
        annotations[JobAnnotations.StopRequested] = reason;
        await store.PutAsync(key, root.ToJsonString(), item.Version, ct);
    }

    /// <summary>Exit code of a finished Job: 0 when it succeeded, else its main container's exit code (1 when it has none).</summary>
    public static int ExitCodeOf(JobState s) => s.Phase == JobPhases.Succeeded ? 0 : s.ExitCode is { } code && code != 0 ? code : 1;
}
