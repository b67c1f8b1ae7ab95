using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.Simulator;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using EcsOperator.TestUtilities.Conformance;

namespace EcsOperator.Tests.Jobs;

/// <summary>
/// A simulated cluster, a local store and the Job machinery on one fake clock. <see cref="DriveAsync"/> plays the
/// controller's work queue deterministically: reconcile every due key, then jump the clock to the next requeue.
/// </summary>
public sealed class JobWorld : IDisposable
{
    public const string Cluster = "default";

    private readonly TempStateDirectory dir = new();
    private readonly Dictionary<ResourceKey, DateTimeOffset> due = [];

    public JobWorld(int instances = 3, SimulatorOptions? simulator = null, IEcsApi? ecsOverride = null, string instanceType = "m5.large", bool persistSimulator = false)
    {
        simulator ??= new SimulatorOptions { Timings = TaskTimings.Instant, ThrottlingEnabled = false };
        if (persistSimulator) simulator.StateDirectory = dir.Paths.Simulator;
        Cloud = new SimulatedCloud(simulator, Time);
        if (instances > 0) Cloud.Control.EnsureDefaultCluster(instances, instanceType, Cluster, maxInstances: instances);
        else Cloud.Control.CreateCluster(Cluster);
        Store = new LocalResourceStore(dir.Paths, Time) { EventTtl = TimeSpan.FromDays(7) };
        Queue = new LocalJobQueue(dir.Paths, Time, visibility: TimeSpan.FromMinutes(5));
        Ecs = ecsOverride ?? Cloud.Ecs;
        Rebuild();
    }

    /// <summary>The state directory (store, queue, simulator logs): ecsctl's <c>--state-dir</c>.</summary>
    public string Root => dir.Root;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));

    public SimulatedCloud Cloud { get; }

    public LocalResourceStore Store { get; }

    public LocalJobQueue Queue { get; }

    public JobsOptions Options { get; } = new() { QueueWait = TimeSpan.Zero };

    public IEcsApi Ecs { get; set; }

    public IResourceStore JobStore { get; set; } = null!;

    /// <summary>RunTask pacing used by the next <see cref="Rebuild"/> (null = none).</summary>
    public LaunchPacer? Pacer { get; set; }

    public JobReconciler Jobs { get; private set; } = null!;

    /// <summary>The shared task tracker of the current process.</summary>
    public JobTaskTracker Tracker { get; private set; } = null!;

    public CronJobReconciler CronJobs { get; private set; } = null!;

    public PreDeployHookRunner Hooks { get; private set; } = null!;

    public JobIntake Intake => new(Queue, Store, Store, Options, Time, NullLogger<JobIntake>.Instance);

    /// <summary>A new operator process: fresh reconcilers, tracker and caches over the same world.</summary>
    public void Rebuild(IResourceStore? store = null, IEcsApi? ecs = null)
    {
        JobStore = store ?? Store;
        var api = new ConformingEcsApi(ecs ?? Ecs);
        checks.Add(api);
        var tracker = Tracker = new JobTaskTracker(api, Time, Options.PollInterval);
        Jobs = new JobReconciler(JobStore, Store, api, tracker, new JobTargetResolver(JobStore, api), Options, Time, NullLogger<JobReconciler>.Instance, Pacer);
        CronJobs = new CronJobReconciler(JobStore, Store, api, Time, NullLogger<CronJobReconciler>.Instance);
        Hooks = new PreDeployHookRunner(JobStore, NullLogger<PreDeployHookRunner>.Instance);
    }

    private readonly List<ConformingEcsApi> checks = [];

    public void Dispose()
    {
        Cloud.Dispose();
        dir.Dispose();
        foreach (var check in checks) check.AssertConforming();
    }

    /// <summary>Registers the App's task definition in ECS (owned by the App) and records it as the App's active revision.</summary>
    public async Task<string> PutAppAsync(string name = "web", string annotations = "", int memory = 512, string hooks = "")
    {
        var key = new ResourceKey(ResourceKind.App, "default", name);
        var manifest = $$"""
            apiVersion: ecs.operator/v1
            kind: App
            metadata:
              name: {{name}}
              annotations: {{(annotations.Length == 0 ? "{}" : annotations)}}
            spec:
              cluster: {{Cluster}}
              taskDefinition:
                containerDefinitions:
                  - {name: app, image: "rails:1", memory: {{memory}}, essential: true}
                  - {name: sidecar, image: "envoy:1", memory: 64, essential: false}
            {{hooks}}
            """;
        await Store.PutAsync(key, manifest, null, default);
        var arn = await RegisterRevisionAsync(key, name, memory);
        var stored = (await Store.GetAsync(key, default))!;
        await Store.UpdateStatusAsync(key, stored.ManifestHash, new JsonObject { ["activeTaskDefinition"] = arn }, default);
        return arn;
    }

    public async Task<string> RegisterRevisionAsync(ResourceKey app, string family, int memory = 512)
    {
        var resp = await Cloud.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, new JsonObject
        {
            ["family"] = "default-" + family,
            ["containerDefinitions"] = new JsonArray(
                new JsonObject { ["name"] = "app", ["image"] = "rails:1", ["memory"] = memory, ["essential"] = true },
                new JsonObject { ["name"] = "sidecar", ["image"] = "envoy:1", ["memory"] = 64, ["essential"] = false }),
            ["tags"] = new JsonArray(
                new JsonObject { ["key"] = OperatorTags.Managed, ["value"] = "true" },
                new JsonObject { ["key"] = OperatorTags.Owner, ["value"] = app.Pk }),
        }, default);
        return resp.Obj("taskDefinition").Str("taskDefinitionArn")!;
    }

    public async Task<ResourceKey> PutJobAsync(string name, string spec, string annotations = "{}")
    {
        var key = new ResourceKey(ResourceKind.Job, "default", name);
        await Store.PutAsync(key, $"""
            apiVersion: ecs.operator/v1
            kind: Job
            metadata:
              name: {name}
              annotations: {annotations}
            spec: {spec}
            """, Versions.MustNotExist, default);
        Track(key);
        return key;
    }

    /// <summary>Observes every reconcile the driver makes (diagnostics).</summary>
    public Action<ResourceKey, ReconcileResult>? OnReconciled { get; set; }

    public void Track(ResourceKey key)
    {
        Seen.Add(key);
        due.TryAdd(key, Time.GetUtcNow());
    }

    /// <summary>Every key ever tracked (CronJob runs included, even after history trimming deleted them).</summary>
    public HashSet<ResourceKey> Seen { get; } = [];

    public async Task<JobState?> StateAsync(ResourceKey key) => JobState.FromJson((await Store.GetAsync(key, default))?.Status);

    /// <summary>Reconciles due keys and advances the clock until <paramref name="done"/> or <paramref name="limit"/> of simulated time.</summary>
    /// <param name="checkEvery">Evaluate <paramref name="done"/> at most this often in simulated time (it may be costly).</param>
    public async Task DriveAsync(Func<Task<bool>> done, TimeSpan limit, Func<DateTimeOffset, bool>? pause = null, TimeSpan? checkEvery = null)
    {
        var end = Time.GetUtcNow() + limit;
        DateTimeOffset? checkedAt = null;
        while (Time.GetUtcNow() < end)
        {
            if (checkedAt is null || Time.GetUtcNow() - checkedAt >= (checkEvery ?? TimeSpan.Zero))
            {
                if (await done()) break;
                checkedAt = Time.GetUtcNow();
            }
            var now = Time.GetUtcNow();
            foreach (var key in due.Where(d => d.Value <= now).Select(d => d.Key).ToList())
            {
                if (pause?.Invoke(now) == true) break;
                var result = await ReconcileAsync(key);
                OnReconciled?.Invoke(key, result);
                if (result.RequeueAfter is { } after) due[key] = now + after;
                else due.Remove(key);
                if (key.Kind == ResourceKind.CronJob)
                {
                    foreach (var job in await Store.ListAsync(ResourceKind.Job, key.Namespace, default)) Track(job.Key);
                }
            }
            if (due.Count == 0) break;
            var next = due.Values.Min();
            if (next > end) next = end;
            var step = next - Time.GetUtcNow();
            if (pause?.Invoke(Time.GetUtcNow()) == true) step = TimeSpan.FromMinutes(1);
            Time.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
            Cloud.Advance();
        }
    }

    public Task DriveUntilFinishedAsync(ResourceKey job, TimeSpan? limit = null) =>
        DriveAsync(async () => (await StateAsync(job))?.IsFinished == true, limit ?? TimeSpan.FromHours(2));

    public Task<ReconcileResult> ReconcileAsync(ResourceKey key) => key.Kind switch
    {
        ResourceKind.Job => Jobs.ReconcileAsync(key, default),
        ResourceKind.CronJob => CronJobs.ReconcileAsync(key, default),
        _ => Task.FromResult(ReconcileResult.Done),
    };

    /// <summary>Every task ECS has for a startedBy (running and stopped).</summary>
    public async Task<IReadOnlyList<string>> TasksStartedByAsync(string startedBy)
    {
        var running = await Cloud.Ecs.ListTasksAsync(Cluster, default, startedBy: startedBy, desiredStatus: "RUNNING");
        var stopped = await Cloud.Ecs.ListTasksAsync(Cluster, default, startedBy: startedBy, desiredStatus: "STOPPED");
        return [.. running, .. stopped];
    }

    public async Task<IReadOnlyList<ResourceEvent>> EventsAsync(ResourceKey key) => await Store.ListAsync(key, default);
}
