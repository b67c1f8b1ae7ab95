using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Core.Json;
using EcsOperator.Tests.EndToEnd;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOperator.Tests.Corpus;

/// <summary>
/// Task and service definitions written by others (see each entry's SOURCE.md), wrapped as Apps: they validate, run
/// together in one simulated account, show no difference afterwards and survive an operator restart without a new
/// revision. Each test reports every failing entry in one message.
/// </summary>
public sealed class CorpusTests : IAsyncLifetime
{
    /// <summary>
    /// Entries that fail today for a known reason outside the wrapper, the normaliser and the render path, with the
    /// reason. Empty it as those gaps close: the end-to-end test fails when a listed entry passes.
    /// </summary>
    private static readonly Dictionary<string, string> KnownGaps = new(StringComparer.Ordinal)
    {
    };

    /// <summary>
    /// Entries ECS itself refuses, with the words of the refusal: they are kept to show the operator reports the refusal
    /// rather than converging something ECS would not run.
    /// </summary>
    private static readonly Dictionary<string, string> RefusedByEcs = new(StringComparer.Ordinal)
    {
        // no task-level memory and no container memory: RegisterTaskDefinition refuses it for the EC2 launch type
        ["docs-appmesh-gateway"] = "At least one of 'memory' or 'memoryReservation' must be specified.",
    };

    private readonly OperatorWorld w = new();
    private readonly TempStateDirectory manifests = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await w.DisposeAsync();
        manifests.Dispose();
    }

    [Fact]
    public void The_corpus_is_large_enough_and_every_entry_records_its_source()
    {
        var entries = CorpusEntry.All();
        Assert.True(entries.Count >= 30, $"only {entries.Count} corpus entries");
        foreach (var e in entries)
        {
            var source = File.ReadAllText(Path.Combine(CorpusEntry.Root, e.Name, "SOURCE.md"));
            foreach (var field in new[] { "Repository:", "Path:", "Commit:", "Changed:", "Covers:" })
                Assert.True(source.Contains(field, StringComparison.Ordinal), $"{e.Name}/SOURCE.md lacks '{field}'");
        }
        var families = entries.GroupBy(e => e.Family).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(families.Count == 0, "families shared by entries (they run in one account): " + string.Join(", ", families));
    }

    [Fact]
    public async Task Every_entry_passes_ecsctl_validate()
    {
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in CorpusEntry.All())
        {
            var path = e.WriteApp(manifests.Root, e.IsDaemon ? DaemonCluster : "default");
            var (exit, _, err) = await w.EcsctlAsync("validate", "-f", path);
            if (exit != 0) failures[e.Name] = "validate: " + err.Trim();
        }
        AssertNoUnexpected(failures, endToEnd: false);
    }

    [Fact]
    public async Task Applied_together_every_entry_becomes_available_diffs_clean_and_a_restart_registers_nothing()
    {
        AddInstances();
        var op = await w.StartOperatorAsync();
        var entries = CorpusEntry.All();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var path = e.WriteApp(manifests.Root, e.IsDaemon ? DaemonCluster : "default");
            var (exit, _, err) = await w.EcsctlAsync("apply", "-f", path);
            if (exit == 0) paths[e.Name] = path;
            else failures[e.Name] = "apply: " + err.Trim();
        }

        var applied = entries.Where(e => paths.ContainsKey(e.Name)).ToList();
        var statuses = await WaitForAllAsync(applied, TimeSpan.FromSeconds(120));
        foreach (var e in applied.Where(e => statuses[e.Name] is not { } s || !OperatorWorld.Available(s)))
            failures[e.Name] = "not Available: " + Describe(statuses[e.Name]);

        foreach (var e in applied.Where(e => !failures.ContainsKey(e.Name)))
        {
            var (exit, output, err) = await w.EcsctlAsync("diff", "-f", paths[e.Name]);
            if (exit != 0) failures[e.Name] = $"ecsctl diff exited {exit}: {(output + err).Trim()}";
        }

        var before = await RevisionCountsAsync(applied);
        foreach (var e in applied.Where(e => !failures.ContainsKey(e.Name) && before[e.Name] == 0))
            failures[e.Name] = $"Available, but family '{e.Family}' has no ACTIVE revision";
        await w.StopOperatorAsync(op);
        var restarted = await w.StartOperatorAsync("op-2");
        var metrics = restarted.Services.GetRequiredService<OperatorMetrics>();
        // every App is reconciled at least once by the new process before the revisions are counted again
        await w.WaitAsync(() => Task.FromResult(ReconcilesOfApps(metrics) >= applied.Count), "the restarted operator to reconcile every App", seconds: 120);
        var after = await RevisionCountsAsync(applied);
        foreach (var e in applied.Where(e => after[e.Name] != before[e.Name]))
            failures.TryAdd(e.Name, $"the restart changed the ACTIVE revisions of family '{e.Family}' from {before[e.Name]} to {after[e.Name]}");

        AssertNoUnexpected(failures, endToEnd: true);
    }

    /// <summary>
    /// DAEMON entries run in a cluster of their own: a daemon runs on every instance, so in one shared account its fixed
    /// host ports (port 80 on the host network) would collide with the replica entries that bind the same ports, which
    /// ECS would refuse too. Their own cluster is how such daemons are usually deployed.
    /// </summary>
    private const string DaemonCluster = "daemons";

    /// <summary>
    /// Capacity beyond the world's six m5.large instances for the EC2 entries (some large, some host-networked), and GPU
    /// instance types for the GPU entry; a cluster of three for the daemons.
    /// </summary>
    private void AddInstances()
    {
        for (var i = 0; i < 6; i++) w.Cloud.Control.RegisterContainerInstance("default", "m5.2xlarge");
        // docs-gpu asks for two GPUs in one task: a four-GPU p3.8xlarge can take it, a one-GPU g4dn.xlarge cannot
        w.Cloud.Control.RegisterContainerInstance("default", "p3.8xlarge");
        w.Cloud.Control.RegisterContainerInstance("default", "g4dn.xlarge");
        w.Cloud.Control.CreateCluster(DaemonCluster);
        for (var i = 0; i < 3; i++) w.Cloud.Control.RegisterContainerInstance(DaemonCluster, "m5.xlarge");
    }

    private static long ReconcilesOfApps(OperatorMetrics m) =>
        new[] { "success", "requeue", "terminal", "timeout" }.Sum(r => m.ReconcileCount("App", r));

    private async Task<Dictionary<string, JsonObject?>> WaitForAllAsync(IReadOnlyList<CorpusEntry> entries, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var statuses = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        while (true)
        {
            var pending = 0;
            foreach (var e in entries)
            {
                var item = await w.Store.GetAsync(OperatorWorld.Key(e.Name), default);
                statuses[e.Name] = item?.Status;
                var current = item?.Status is { } s && s.Long("observedGeneration") == item.Generation;
                var settled = current && (OperatorWorld.Available(item!.Status!) || StatusConditions.IsTrue(item.Status, "Degraded"));
                if (!settled) pending++;
            }
            if (pending == 0 || DateTime.UtcNow > deadline) return statuses;
            await Task.Delay(200);
        }
    }

    private async Task<Dictionary<string, int>> RevisionCountsAsync(IReadOnlyList<CorpusEntry> entries)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in entries)
            counts[e.Name] = (await w.RevisionsAsync(e.Family)).Count(a => a.Contains($":task-definition/{e.Family}:", StringComparison.Ordinal));
        return counts;
    }

    private static string Describe(JsonObject? status)
    {
        if (status is null) return "no status";
        var parts = new[] { "Available", "Progressing", "Degraded" }
            .Select(t => (Type: t, C: StatusConditions.Get(status, t)))
            .Where(x => x.C is not null)
            .Select(x => $"{x.Type}={x.C.Str("status")} {x.C.Str("reason")}: {x.C.Str("message")}");
        return string.Join("; ", parts);
    }

    /// <param name="endToEnd">True when every stage ran: a known gap that passes, or a refused entry that is not refused, is reported too.</param>
    private static void AssertNoUnexpected(Dictionary<string, string> failures, bool endToEnd)
    {
        var lines = new List<string>();
        foreach (var (name, why) in failures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (KnownGaps.ContainsKey(name)) continue;
            if (RefusedByEcs.TryGetValue(name, out var words) && why.Contains(words, StringComparison.Ordinal)) continue;
            lines.Add($"  {name}: {why}");
        }
        if (endToEnd)
        {
            foreach (var name in KnownGaps.Keys.Where(k => !failures.ContainsKey(k)).Order(StringComparer.Ordinal))
                lines.Add($"  {name}: passes now; remove it from KnownGaps ({KnownGaps[name]})");
            foreach (var (name, words) in RefusedByEcs.Where(r => !failures.ContainsKey(r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal))
                lines.Add($"  {name}: was not refused (expected: {words})");
        }
        if (lines.Count > 0) Assert.Fail($"{lines.Count} corpus entries did not behave as expected:\n{string.Join("\n", lines)}");
    }
}
