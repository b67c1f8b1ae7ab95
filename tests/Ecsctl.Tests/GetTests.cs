using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;

namespace Ecsctl.Tests;

public sealed class GetTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static CancellationToken Ct => CancellationToken.None;

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public async Task Get_output_round_trips_through_apply(string format)
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", CliHarness.Samples)).Exit);
        var listed = await _cli.RunAsync("get", "all", "-A", "-o", format);
        Assert.Equal(0, listed.Exit);
        var count = (await _cli.Store.ListAsync(null, null, Ct)).Count;
        if (format == "json")
        {
            var list = JsonNode.Parse(listed.Out)!.AsObject();
            Assert.Equal("List", (string)list["kind"]!);
            Assert.Equal("v1", (string)list["apiVersion"]!);
            Assert.Equal(count, list["items"]!.AsArray().Count);
        }

        // The items of the list are the documents: written out one per document, applying them changes nothing.
        var items = JsonNode.Parse(format == "json" ? listed.Out : (await _cli.RunAsync("get", "all", "-A", "-o", "json")).Out)!["items"]!.AsArray();
        var file = _cli.WriteFile("roundtrip.yaml", string.Join("---\n", items.Select(i => format == "json" ? i!.ToJsonString() + "\n" : EcsOperator.Core.Manifests.YamlWriter.Write(i))));
        var again = await _cli.RunAsync("apply", "-f", file);
        Assert.True(again.Exit == 0, again.ToString());
        Assert.Equal(count, again.OutLines.Count);
        Assert.All(again.OutLines, l => Assert.EndsWith(" unchanged", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_one_as_json_is_a_single_object_with_its_status()
    {
        await _cli.RunAsync("apply", "-f", Path.Combine(CliHarness.Samples, "apps"));
        var key = new ResourceKey(ResourceKind.App, "default", "worker");
        var stored = await _cli.Store.GetAsync(key, Ct);
        await _cli.Store.UpdateStatusAsync(key, stored!.ManifestHash, new JsonObject { ["observedGeneration"] = 1, ["runningCount"] = 2, ["desiredCount"] = 2 }, Ct);
        var result = await _cli.RunAsync("get", "app", "worker", "-o", "json");
        Assert.Equal(0, result.Exit);
        var o = JsonNode.Parse(result.Out)!.AsObject();
        Assert.Equal("App", (string)o["kind"]!);
        Assert.Equal("worker", (string)o["metadata"]!["name"]!);
        Assert.Equal(2, (int)o["status"]!["runningCount"]!);
        Assert.Equal("app", (string)o["spec"]!["cluster"]!);
    }

    [Fact]
    public async Task Tables_show_kind_columns_with_status_and_age()
    {
        await _cli.RunAsync("apply", "-f", CliHarness.Samples);
        var job = new ResourceKey(ResourceKind.Job, "default", "rake-cache-clear");
        var stored = await _cli.Store.GetAsync(job, Ct);
        var start = _cli.Time.GetUtcNow();
        await _cli.Store.UpdateStatusAsync(job, stored!.ManifestHash, new JsonObject
        {
            ["phase"] = "Succeeded", ["exitCode"] = 0, ["attempts"] = 1,
            ["startTime"] = start.ToString("O"), ["completionTime"] = start.AddSeconds(95).ToString("O"),
        }, Ct);
        _cli.Time.Advance(TimeSpan.FromMinutes(10));

        var jobs = await _cli.RunAsync("get", "jobs");
        Assert.Equal(0, jobs.Exit);
        Assert.Matches(@"^NAME\s+PHASE\s+EXIT\s+ATTEMPTS\s+DURATION\s+AGE$", jobs.OutLines[0]);
        Assert.Matches(@"^rake-cache-clear\s+Succeeded\s+0\s+1\s+95s\s+10m$", jobs.OutLines[1]);

        var apps = await _cli.RunAsync("get", "apps");
        Assert.Matches(@"^NAME\s+READY\s+DESIRED\s+STATUS\s+AGE$", apps.OutLines[0]);
        Assert.Contains(apps.OutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^worker\s+-\s+2\s+Pending\s+10m$"));

        var wide = await _cli.RunAsync("get", "sp", "-o", "wide", "-A");
        Assert.Matches(@"^NAMESPACE\s+NAME\s+TARGET\s+MIN\s+MAX\s+DESIRED\s+STATUS\s+AGE\s+LAST SCALE\s+REASON$", wide.OutLines[0]);
        Assert.Matches(@"^default\s+web\s+web\s+2\s+10,25\s+", wide.OutLines[1]);
    }

    [Fact]
    public async Task Namespaces_filter_the_listing()
    {
        var other = ApplyTests.Pool(1).Replace("name: nodes", "name: nodes\n  namespace: staging", StringComparison.Ordinal);
        await _cli.RunWithInputAsync(ApplyTests.Pool(1) + "---\n" + other, "apply", "-f", "-");
        Assert.Equal(["NAME", "nodes"], (await _cli.RunAsync("get", "cp", "-n", "staging")).OutLines.Select(l => l.Split(' ')[0]));
        var all = await _cli.RunAsync("get", "capacitypools", "--all-namespaces");
        Assert.Equal(3, all.OutLines.Count);
        var none = await _cli.RunAsync("get", "jobs");
        Assert.Equal(0, none.Exit);
        Assert.Contains("No resources found in default namespace.", none.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_item_is_listed_as_Invalid_and_described_with_its_errors()
    {
        await _cli.RunAsync("apply", "-f", Path.Combine(CliHarness.Samples, "capacity"));
        var key = new ResourceKey(ResourceKind.CapacityPool, "default", "broken");
        await _cli.Store.PutAsync(key, "apiVersion: ecs.operator/v1\nkind: CapacityPool\nmetadata: {name: broken}\nspec:\n  cluster: default\n  bufer: 1\n", null, Ct);

        var table = await _cli.RunAsync("get", "cp");
        Assert.Equal(0, table.Exit);
        Assert.Contains(table.OutLines, l => l.StartsWith("broken", StringComparison.Ordinal) && l.Contains("Invalid", StringComparison.Ordinal));
        var described = await _cli.RunAsync("describe", "cp/broken");
        Assert.Equal(0, described.Exit);
        Assert.Contains("State:                Invalid", described.Out, StringComparison.Ordinal);
        Assert.Contains("CapacityPool/default/broken:6:3: spec.bufer: unknown field", described.Out, StringComparison.Ordinal);
        var json = JsonNode.Parse((await _cli.RunAsync("get", "cp", "broken", "-o", "json")).Out)!;
        Assert.Contains(json["invalid"]!["errors"]!.AsArray(), e => e!.GetValue<string>().Contains("spec.bufer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_manifest_stored_under_another_key_is_invalid()
    {
        await _cli.Store.PutAsync(new ResourceKey(ResourceKind.CapacityPool, "default", "elsewhere"), ApplyTests.Pool(1), null, Ct);
        var described = await _cli.RunAsync("describe", "capacitypool", "elsewhere");
        Assert.Contains("the document is CapacityPool/default/nodes but is stored as CapacityPool/default/elsewhere", described.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_shows_spec_status_conditions_and_events()
    {
        await _cli.RunAsync("apply", "-f", Path.Combine(CliHarness.Samples, "apps"));
        var key = new ResourceKey(ResourceKind.App, "default", "web");
        var stored = await _cli.Store.GetAsync(key, Ct);
        await _cli.Store.UpdateStatusAsync(key, stored!.ManifestHash, new JsonObject
        {
            ["observedGeneration"] = 1,
            ["desiredCount"] = 3,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable",
                ["message"] = "3 of 3 tasks running", ["lastTransitionTime"] = _cli.Time.GetUtcNow().ToString("O"),
            }),
        }, Ct);
        await _cli.Store.RecordAsync(key, new EcsOperator.Core.Store.ResourceEvent(key, "Normal", "Registered", "registered task definition web:7", 1, default, default), Ct);
        var result = await _cli.RunAsync("describe", "app/web");
        Assert.Equal(0, result.Exit);
        Assert.Contains("State:                Available", result.Out, StringComparison.Ordinal);
        Assert.Contains("  cluster: app", result.Out, StringComparison.Ordinal);
        Assert.Contains("  desiredCount: 3", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"Available\s+True\s+MinimumReplicasAvailable\s+0s\s+3 of 3 tasks running", result.Out);
        Assert.Matches(@"Normal\s+Registered\s+0s\s+registered task definition web:7", result.Out);
    }

    [Fact]
    public async Task Missing_resources_fail_with_exit_1()
    {
        var get = await _cli.RunAsync("get", "app", "nope");
        Assert.Equal(1, get.Exit);
        Assert.Contains("app \"nope\" not found", get.Err, StringComparison.Ordinal);
        Assert.Equal(1, (await _cli.RunAsync("describe", "app/nope")).Exit);
    }
}
