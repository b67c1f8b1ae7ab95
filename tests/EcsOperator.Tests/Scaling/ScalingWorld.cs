using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Capacity;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Scaling;
using EcsOperator.Simulator;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using EcsOperator.TestUtilities.Conformance;

namespace EcsOperator.Tests.Scaling;

/// <summary>The simulator, a local store and the two scaling reconcilers on one fake clock; reconciles are driven directly.</summary>
internal sealed class ScalingWorld : IDisposable
{
    private readonly TempStateDirectory dir = new();

    private readonly Core.Events.PollPacing pacing;

    /// <param name="pacing">Feeds the passes and snapshots as the host does when an events queue is configured.</param>
    public ScalingWorld(DateTimeOffset start, SimulatorOptions? simulator = null, ScalingOptions? options = null,
        Func<TimeProvider, Core.Events.PollPacing>? pacing = null)
    {
        Time = new FakeTimeProvider(start);
        Cloud = new SimulatedCloud(simulator ?? new SimulatorOptions { ThrottlingEnabled = false }, Time);
        Ecs = new ConformingEcsApi(Cloud.Ecs);
        Store = new LocalResourceStore(dir.Paths, Time);
        Options = options ?? new ScalingOptions();
        Catalog = new ScalePolicyCatalog(Store);
        this.pacing = pacing?.Invoke(Time) ?? Core.Events.PollPacing.Usual;
        Alarms = new AlarmStateCache(Cloud.Alarms, Catalog.AlarmNamesAsync, Time, Options.PolicyPassInterval) { Pacing = this.pacing };
        Services = new ServiceSnapshotCache(Ecs, Time, Options.PolicyPassInterval) { Pacing = this.pacing };
        Policies = new ScalePolicyReconciler(Store, Store, Ecs, Alarms, Services, null, Options, Time, NullLogger<ScalePolicyReconciler>.Instance, Catalog)
        {
            Pacing = this.pacing,
        };
        Pools = NewPoolReconciler();
    }

    /// <summary>A fresh pool reconciler with empty caches, as after an operator restart (all it keeps is in status).</summary>
    public CapacityPoolReconciler NewPoolReconciler() =>
        new(Store, Store, Ecs, Cloud.AutoScaling, new ScalePolicyCatalog(Store),
            new ServiceSnapshotCache(Ecs, Time, Options.PolicyPassInterval) { Pacing = pacing }, Options, Time, NullLogger<CapacityPoolReconciler>.Instance)
        {
            Pacing = pacing,
        };

    public FakeTimeProvider Time { get; }

    public SimulatedCloud Cloud { get; }

    /// <summary>What the reconcilers talk to: the simulator behind the request-conformance check.</summary>
    public ConformingEcsApi Ecs { get; }

    public LocalResourceStore Store { get; }

    public ScalingOptions Options { get; }

    public ScalePolicyCatalog Catalog { get; }

    public AlarmStateCache Alarms { get; }

    public ServiceSnapshotCache Services { get; }

    public ScalePolicyReconciler Policies { get; }

    public CapacityPoolReconciler Pools { get; set; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public async Task<ResourceKey> PutAsync(string yaml)
    {
        var parsed = ManifestParser.ParseSingle(yaml, "test.yaml");
        Assert.True(parsed.Ok, string.Join("\n", parsed.Errors));
        var key = parsed.Documents[0].Key;
        await Store.PutAsync(key, yaml, null, CancellationToken.None);
        return key;
    }

    /// <summary>Registers the family and creates its service tagged as owned by App/default/<paramref name="app"/>.</summary>
    public async Task CreateServiceAsync(string cluster, string app, int cpu, int memory, int desired)
    {
        await Cloud.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, TaskDefinition(app, cpu, memory), CancellationToken.None);
        await Cloud.Ecs.SendAsync(EcsAction.CreateService, new JsonObject
        {
            ["cluster"] = cluster, ["serviceName"] = app, ["taskDefinition"] = app, ["desiredCount"] = desired, ["launchType"] = "EC2",
            ["tags"] = new JsonArray(
                new JsonObject { ["key"] = OperatorTags.Managed, ["value"] = "true" },
                new JsonObject { ["key"] = OperatorTags.Owner, ["value"] = $"App/default/{app}" }),
        }, CancellationToken.None);
    }

    public static JsonObject TaskDefinition(string family, int cpu, int memory) => new()
    {
        ["family"] = family, ["cpu"] = cpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["memory"] = memory.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["requiresCompatibilities"] = new JsonArray("EC2"), ["networkMode"] = "bridge",
        ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "rails-app:latest", ["essential"] = true }),
    };

    public static string AppYaml(string name, string cluster, int cpu, int memory) => $$"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: {{name}}
        spec:
          cluster: {{cluster}}
          taskDefinition:
            cpu: "{{cpu}}"
            memory: "{{memory}}"
            networkMode: bridge
            requiresCompatibilities: [EC2]
            containerDefinitions:
              - name: app
                image: rails-app:latest
                essential: true
        """;

    public async Task<JsonObject> ServiceAsync(string cluster, string name)
    {
        var (found, _) = await Cloud.Ecs.DescribeServicesAsync(cluster, [name], CancellationToken.None);
        return Assert.Single(found);
    }

    public async Task<int> DesiredCountAsync(string cluster, string name) => (await ServiceAsync(cluster, name)).Int("desiredCount") ?? -1;

    public async Task<JsonObject> StatusAsync(ResourceKey key) =>
        (await Store.GetAsync(key, CancellationToken.None))?.Status ?? [];

    /// <summary>Moves the clock, lets the simulator catch up, and reconciles the given keys once each.</summary>
    public async Task TickAsync(TimeSpan step, params ResourceKey[] keys)
    {
        Time.Advance(step);
        Cloud.Advance();
        foreach (var key in keys)
        {
            if (key.Kind == ResourceKind.ScalePolicy) await Policies.ReconcileAsync(key, CancellationToken.None);
            else await Pools.ReconcileAsync(key, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        Cloud.Dispose();
        dir.Dispose();
        Ecs.AssertConforming();
    }
}
