using System.Text.Json.Nodes;
using EcsOperator.Backends;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Hosting;
using EcsOperator.Simulator;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using EcsOperator.TestUtilities.Conformance;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>
/// The real operator host (the same wiring as <c>ecs-operator run/local</c>) against the simulator and the local store,
/// on a fake clock that a pump moves 100 ms every few real milliseconds.
/// </summary>
internal sealed class OperatorWorld : IAsyncDisposable
{
    private readonly TempStateDirectory dir = new();
    private readonly CancellationTokenSource pumpStop = new();
    private readonly Task pump;
    private readonly List<WebApplication> hosts = [];

    /// <param name="stepMs">Fake time added per pump tick (every ~3 ms real): smaller is gentler on lease timing.</param>
    public OperatorWorld(int stepMs = 100)
    {
        Cloud = new SimulatedCloud(new SimulatorOptions
        {
            ThrottlingEnabled = false,
            // saved where `ecsctl --state-dir` finds it, as in local mode (rollout undo reads revisions from it)
            StateDirectory = dir.Paths.Simulator,
            Timings = TaskTimings.Instant with { Pending = TimeSpan.FromSeconds(2), Stopping = TimeSpan.FromSeconds(1), UnhealthyCrashAfter = TimeSpan.FromSeconds(3) },
        }, Time);
        Cloud.Control.EnsureDefaultCluster(instanceCount: 6);
        Store = new LocalResourceStore(dir.Paths, Time);
        pump = Task.Run(async () =>
        {
            while (!pumpStop.IsCancellationRequested)
            {
                Time.Advance(TimeSpan.FromMilliseconds(stepMs));
                Cloud.Advance();
                await Task.Delay(3);
            }
        });
    }

    public string StateDir => dir.Root;

    /// <summary>Runs ecsctl in-process against this world's state directory and clock.</summary>
    public async Task<(int Exit, string Out, string Err)> EcsctlAsync(params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = await Ecsctl.EcsctlProgram.MainAsync(["--state-dir", StateDir, .. args], TextReader.Null, o, e, Time, CancellationToken.None);
        return (code, o.ToString(), e.ToString());
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    public SimulatedCloud Cloud { get; }
    public LocalResourceStore Store { get; }

    /// <summary>What the operator hosts talk to: the simulator behind the request-conformance check.</summary>
    public ConformingEcsApi Conformance => conformance ??= new ConformingEcsApi(Cloud.Ecs);

    private ConformingEcsApi? conformance;

    /// <summary>Starts one operator process' worth of wiring (fresh caches, its own identity).</summary>
    /// <param name="preflight">What looks up a rollout's images, roles, ... before it starts (none by default).</param>
    public async Task<WebApplication> StartOperatorAsync(string identity = "op-1", Core.Preflight.IPreflightProbe? preflight = null)
    {
        var backends = new OperatorBackends(Store, Store, Store, null, Conformance, Cloud.AutoScaling, Cloud.Alarms, Cloud.Logs) { Preflight = preflight };
        var settings = new OperatorSettings { Identity = identity, MetricsPort = 0, SnapshotTtl = TimeSpan.FromSeconds(2) };
        settings.Apps.Clusters.Add("default");
        var host = OperatorHost.Build(backends, settings, Time, logging: _ => { });
        await host.StartAsync();
        hosts.Add(host);
        return host;
    }

    public async Task StopOperatorAsync(WebApplication host)
    {
        await host.StopAsync();
        await host.DisposeAsync();
        hosts.Remove(host);
    }

    public static bool IsLeader(WebApplication host) => host.Services.GetRequiredService<LeaderElection>().IsLeader;

    public static ResourceKey Key(string name) => new(ResourceKind.App, "default", name);

    public static string App(string name, string image = "nginx:1", int replicas = 2, string annotations = "") => $"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: {name}
          annotations:
            team: platform
        {annotations}
        spec:
          cluster: default
          replicas: {replicas}
          taskDefinition:
            containerDefinitions:
              - name: app
                image: {image}
                memory: 128
        """;

    public Task ApplyAsync(string name, string manifest) => Store.PutAsync(Key(name), manifest, null, default);

    public async Task<JsonObject?> StatusAsync(string name) => (await Store.GetAsync(Key(name), default))?.Status;

    /// <summary>Waits (real time) until the App's status satisfies <paramref name="condition"/>.</summary>
    public async Task<JsonObject> WaitForAsync(string name, Func<JsonObject, bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var item = await Store.GetAsync(Key(name), default);
            last = item?.Status;
            if (last is not null && last.Long("observedGeneration") == item!.Generation && condition(last)) return last;
            await Task.Delay(50);
        }
        Assert.Fail($"app/{name}: timed out waiting for {what}; status: {last?.ToJsonString()}");
        return null!;
    }

    public static bool Available(JsonObject s) =>
        StatusConditions.IsTrue(s, "Available") && StatusConditions.Get(s, "Progressing").Str("reason") == "NewRevisionAvailable";

    public async Task WaitAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    public async Task<JsonObject?> ServiceAsync(string name)
    {
        var resp = await Cloud.Ecs.SendAsync(EcsAction.DescribeServices, new JsonObject
        {
            ["cluster"] = "default", ["services"] = new JsonArray(name), ["include"] = new JsonArray("TAGS"),
        }, default);
        return resp.Arr("services").Objects().FirstOrDefault(s => s.Str("status") == "ACTIVE");
    }

    public async Task<IReadOnlyList<string>> RevisionsAsync(string family)
    {
        var resp = await Cloud.Ecs.SendAsync(EcsAction.ListTaskDefinitions, new JsonObject { ["familyPrefix"] = family, ["status"] = "ACTIVE" }, default);
        return [.. resp.Arr("taskDefinitionArns").Strings()];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var h in hosts.ToList()) await StopOperatorAsync(h);
        await pumpStop.CancelAsync();
        await pump;
        pumpStop.Dispose();
        Cloud.Dispose();
        dir.Dispose();
        conformance?.AssertConforming();
    }
}
