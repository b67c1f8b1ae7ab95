using System.Text.Json.Nodes;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Simulator;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using EcsOperator.TestUtilities.Conformance;

namespace EcsOperator.Core.Tests.Apps;

/// <summary>The App reconciler against the simulator and the local store, driven step by step on a fake clock.</summary>
internal sealed class AppHarness : IDisposable
{
    private readonly TempStateDirectory dir = new();

    /// <param name="wrapEcs">Puts a test's fault in front of the simulator (what the reconciler calls goes through it).</param>
    public AppHarness(TimeSpan? snapshotTtl = null, Func<Aws.IEcsApi, Aws.IEcsApi>? wrapEcs = null)
    {
        Cloud = new SimulatedCloud(new SimulatorOptions { ThrottlingEnabled = false, Timings = Timings }, Time);
        Cloud.Control.EnsureDefaultCluster(instanceCount: 4);
        Store = new LocalResourceStore(dir.Paths, Time);
        Conformance = new ConformingEcsApi(Cloud.Ecs);
        Ecs = new MeteredEcsApi(wrapEcs is null ? Conformance : wrapEcs(Conformance), Metrics);
        Informer = new ResourceInformer(Store, Time, TimeSpan.FromMinutes(5), NullLogger.Instance);
        SnapshotTtl = snapshotTtl ?? TimeSpan.FromSeconds(2);
        NewOperator();
    }

    /// <summary>A fast task lifecycle (seconds), stepped through in half-second steps.</summary>
    public static TaskTimings Timings { get; } = TaskTimings.Instant with
    {
        Pending = TimeSpan.FromSeconds(2), Stopping = TimeSpan.FromSeconds(1), UnhealthyCrashAfter = TimeSpan.FromSeconds(3),
    };

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    public SimulatedCloud Cloud { get; }

    /// <summary>The simulator behind the request-conformance check (every request the reconciler sends).</summary>
    public ConformingEcsApi Conformance { get; }
    public LocalResourceStore Store { get; }
    public OperatorMetrics Metrics { get; } = new();
    public MeteredEcsApi Ecs { get; }
    public ResourceInformer Informer { get; }
    public TimeSpan SnapshotTtl { get; }
    public ServiceSnapshotCache Services { get; private set; } = null!;
    public AppReconciler Reconciler { get; private set; } = null!;
    public AppReconcilerOptions Options { get; } = new() { Clusters = { "default" }, DeletionGracePeriod = TimeSpan.Zero };

    /// <summary>A fresh operator (empty caches), as after a restart.</summary>
    public void NewOperator()
    {
        Services = new ServiceSnapshotCache(Ecs, Time, SnapshotTtl);
        Reconciler = new AppReconciler(Store, Store, Store, Ecs, Services, new TaskDefinitionCache(Ecs), Informer,
            new NoPreDeployHooks(), Options, Time, NullLogger<AppReconciler>.Instance);
    }

    public static ResourceKey Key(string name) => new(ResourceKind.App, "default", name);

    public static string App(string name, string image = "nginx:1", int replicas = 2, string extraMeta = "", string extraSpec = "") => $"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: {name}
        {extraMeta}
        spec:
          cluster: default
          replicas: {replicas}
          taskDefinition:
            cpu: "0.25 vcpu"
            memory: "0.5 GB"
            containerDefinitions:
              - name: app
                image: {image}
                memory: 256
                environment:
                  - name: B
                    value: "2"
                  - name: A
                    value: "1"
                portMappings:
                  - containerPort: 8080
        {extraSpec}
        """;

    /// <summary>A ScalePolicy whose targetRef names the App <paramref name="target"/> (it owns that App's desired count).</summary>
    public static string ScalePolicy(string name, string target, string ns = "default") => $"""
        apiVersion: ecs.operator/v1
        kind: ScalePolicy
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          targetRef: {target}
          minTaskCount: 1
          maxTaskCount: 10
          cooldownTimeForReachMaxSeconds: 300
          idleTimeSeconds: 300
        """;

    public async Task ApplyAsync(string name, string manifest)
    {
        await Store.PutAsync(Key(name), manifest, null, default);
        await Informer.ResyncAsync(default);
    }

    /// <summary>What <c>ecsctl delete</c> does: marks the item for deletion.</summary>
    public async Task DeleteAsync(string name)
    {
        await Store.MarkForDeletionAsync(Key(name), default);
        await Informer.ResyncAsync(default);
    }

    /// <summary>The item simply disappears (a wiped or different table): the App becomes an orphan.</summary>
    public async Task RemoveAsync(string name)
    {
        await Store.DeleteAsync(Key(name), null, default);
        await Informer.ResyncAsync(default);
    }

    public Task<ReconcileResult> ReconcileAsync(string name) => Reconciler.ReconcileAsync(Key(name), default);

    /// <summary>Reconciles, advancing the clock by each requeue, until the reconciler is done (or the steps run out).</summary>
    public async Task<ReconcileResult> ConvergeAsync(string name, int maxSteps = 40)
    {
        var result = ReconcileResult.Done;
        for (var i = 0; i < maxSteps; i++)
        {
            result = await ReconcileAsync(name);
            if (result.RequeueAfter is not { } after) break;
            Step(after);
        }
        return result;
    }

    /// <summary>Moves the clock in half-second steps so the simulator sees each transition at its own time.</summary>
    public void Step(TimeSpan by)
    {
        for (var t = TimeSpan.Zero; t < by; t += TimeSpan.FromMilliseconds(500))
        {
            Time.Advance(TimeSpan.FromMilliseconds(500));
            Cloud.Advance();
        }
    }

    public async Task<JsonObject> StatusAsync(string name) => (await Store.GetAsync(Key(name), default))?.Status ?? [];

    public static string? Condition(JsonObject status, string type, string field = "status") => StatusConditions.Get(status, type).Str(field);

    public async Task<JsonObject?> ServiceAsync(string name)
    {
        var resp = await Cloud.Ecs.SendAsync("DescribeServices", new JsonObject
        {
            ["cluster"] = "default", ["services"] = new JsonArray(name), ["include"] = new JsonArray("TAGS"),
        }, default);
        return resp.Arr("services").Objects().FirstOrDefault(s => s.Str("status") != "INACTIVE");
    }

    public async Task<IReadOnlyList<string>> RevisionsAsync(string family, string status = "ACTIVE")
    {
        var resp = await Cloud.Ecs.SendAsync("ListTaskDefinitions", new JsonObject { ["familyPrefix"] = family, ["status"] = status }, default);
        return [.. resp.Arr("taskDefinitionArns").Strings()];
    }

    public long MutatingCalls() => Metrics.AwsCalls.Where(c => Aws.EcsAction.IsMutating(c.Key.Action)).Sum(c => c.Value);

    public async Task<IReadOnlyList<string>> EventReasonsAsync(string name) =>
        [.. (await Store.ListAsync(Key(name), default)).Select(e => e.Reason)];

    public static ManifestParseResult Parse(string yaml) => ManifestParser.ParseSingle(yaml, "test");

    public void Dispose()
    {
        Cloud.Dispose();
        dir.Dispose();
        Conformance.AssertConforming();
    }
}
