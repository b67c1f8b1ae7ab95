using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// The <see cref="IPreDeployHookRunner"/> of the operator: runs an App's pre-deploy hooks, in order, each as a Job named from the App, the hook and the new revision
/// (<c>&lt;app&gt;-&lt;hook&gt;-r&lt;revision&gt;</c>), pinned to that revision. The Job is created once (create-only), so
/// calling this every pass never runs a hook twice for one revision; to re-run a failed hook, delete its Job.
/// App annotations <c>simulator.ecs.operator/hook-&lt;x&gt;</c> become <c>simulator.ecs.operator/&lt;x&gt;</c> on hook
/// Jobs (and <c>simulator.ecs.operator/hook-&lt;name&gt;-&lt;x&gt;</c> only on the named hook's Job).
/// Hook Jobs are cleaned up when a rollout creates its first: see <see cref="KeptRollouts"/>.
/// </summary>
public sealed partial class PreDeployHookRunner(IResourceStore store, ILogger<PreDeployHookRunner> logger) : IPreDeployHookRunner
{
    public const string HookOfAnnotation = "ecs.operator/hook-of";

    public async Task<HookGateResult> EnsureHooksAsync(ResourceDocument app, string newTaskDefinitionArn, CancellationToken ct)
    {
        var hooks = app.GetSpec<AppSpec>().Hooks?.PreDeploy ?? [];
        foreach (var hook in hooks)
        {
            var key = new ResourceKey(ResourceKind.Job, app.Key.Namespace, JobName(app.Key.Name, hook.Name, newTaskDefinitionArn));
            var job = await store.GetAsync(key, ct);
            if (job is null)
            {
                try
                {
                    await store.PutAsync(key, Manifest(app, hook, key, newTaskDefinitionArn).ToJsonString(), Versions.MustNotExist, ct);
                    Log.HookStarted(logger, hook.Name, key);
                    await PruneAsync(app.Key, newTaskDefinitionArn, ct);
                }
                catch (ConcurrencyException)
                {
                    // Created meanwhile (another pass or operator): the same Job.
                }
                return HookGateResult.Running($"pre-deploy hook {hook.Name} is running as job/{key.Name}");
            }
            var state = JobState.FromJson(job.Status);
            if (state?.Phase == JobPhases.Succeeded) continue;
            if (state?.Phase == JobPhases.Failed)
            {
                var exit = state.ExitCode is { } code ? $" with exit code {code}" : "";
                return HookGateResult.Failed(
                    $"hook {hook.Name} failed{exit} ({state.Reason}: {state.Message}); logs: ecsctl logs job/{key.Name} -n {key.Namespace}; delete the Job to run it again",
                    state.ExitCode);
            }
            return HookGateResult.Running($"pre-deploy hook {hook.Name} is {state?.Phase ?? JobPhases.Pending} as job/{key.Name}");
        }
        return HookGateResult.Passed;
    }

    /// <summary><c>&lt;app&gt;-&lt;hook&gt;-r&lt;revision&gt;</c>, shortened with a hash when longer than a DNS label.</summary>
    public static string JobName(string app, string hook, string taskDefinitionArn)
    {
        var colon = taskDefinitionArn.LastIndexOf(':');
        var revision = colon >= 0 && int.TryParse(taskDefinitionArn.AsSpan(colon + 1), out var r) ? r.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(taskDefinitionArn)))[..8];
        var name = $"{app}-{hook}-r{revision}";
        if (name.Length <= 63) return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        var tail = $"-{hash}-r{revision}";
        return app[..Math.Min(app.Length, 63 - tail.Length)].TrimEnd('-') + tail;
    }

    private static JsonObject Manifest(ResourceDocument app, HookSpec hook, ResourceKey key, string taskDefinitionArn)
    {
        var annotations = new JsonObject
        {
            [JobAnnotations.TaskDefinition] = taskDefinitionArn,
            [HookOfAnnotation] = app.Key.Pk + "#" + hook.Name,
        };
        var own = JobAnnotations.SimulatorPrefix + "hook-" + hook.Name + "-";
        var generic = JobAnnotations.SimulatorPrefix + "hook-";
        var appAnnotations = app.Metadata.Annotations ?? new Dictionary<string, string>();
        foreach (var (k, v) in appAnnotations.Where(a => a.Key.StartsWith(generic, StringComparison.Ordinal) && !a.Key.StartsWith(own, StringComparison.Ordinal)))
            annotations[JobAnnotations.SimulatorPrefix + k[generic.Length..]] = v;
        foreach (var (k, v) in appAnnotations.Where(a => a.Key.StartsWith(own, StringComparison.Ordinal)))
            annotations[JobAnnotations.SimulatorPrefix + k[own.Length..]] = v;
        var spec = new JsonObject { ["appRef"] = app.Key.Name, ["command"] = hook.Command.ToJsonArray() };
        if (hook.Container is { } container) spec["container"] = container;
        if (hook.Environment is { Count: > 0 } env)
            spec["environment"] = new JsonObject(env.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));
        if (hook.TimeoutSeconds is { } timeout) spec["timeoutSeconds"] = timeout;
        return new JsonObject
        {
            ["apiVersion"] = ResourceKinds.ApiVersion,
            ["kind"] = nameof(ResourceKind.Job),
            ["metadata"] = new JsonObject { ["name"] = key.Name, ["namespace"] = key.Namespace, ["annotations"] = annotations },
            ["spec"] = spec,
        };
    }
}
