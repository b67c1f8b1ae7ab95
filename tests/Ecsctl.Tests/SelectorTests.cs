using System.Text.Json.Nodes;
using Ecsctl.Cli;
using Ecsctl.Commands;
using EcsOperator.Core.Resources;

namespace Ecsctl.Tests;

/// <summary>The <c>-l</c> parser as a table, then -l, -o name and -o jsonpath through ecsctl get/delete.</summary>
public sealed class SelectorTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static readonly Dictionary<string, string> Rails = new() { ["app"] = "rails", ["tier"] = "web" };

    [Theory]
    [InlineData("app=rails", true)]
    [InlineData("app==rails", true)]
    [InlineData("app=sinatra", false)]
    [InlineData("app!=sinatra", true)]
    [InlineData("app!=rails", false)]
    [InlineData("missing!=x", true)]
    [InlineData("tier in (web,worker)", true)]
    [InlineData("tier in (worker, batch)", false)]
    [InlineData("tier notin (worker,batch)", true)]
    [InlineData("missing notin (a)", true)]
    [InlineData("tier", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!tier", false)]
    [InlineData("app=rails,tier in (web),!missing", true)]
    [InlineData("app=rails, tier=worker", false)]
    [InlineData("example.com/team=x", false)]
    [InlineData("app=", false)]
    public void Selector_requirements_match_like_kubernetes(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector, "get").Matches(Rails));

    [Theory]
    [InlineData("app=rails,")]
    [InlineData("tier in (web")]
    [InlineData("tier in web)")]
    [InlineData("app=ra ils")]
    [InlineData("-app=x")]
    [InlineData("app=x=y")]
    public void Bad_selectors_are_usage_errors(string selector) =>
        Assert.Contains(selector.Split(',')[0].Trim(), Assert.Throws<UsageException>(() => LabelSelector.Parse(selector, "get")).Message, StringComparison.Ordinal);

    [Fact]
    public async Task Get_and_delete_take_a_selector_and_print_names_or_a_jsonpath()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", CliHarness.Samples)).Exit);
        var names = await _cli.RunAsync("get", "all", "-l", "app=rails-app,tier in (web)", "-o", "name");
        Assert.True(names.Exit == 0, names.ToString());
        Assert.Equal(["app/web"], names.OutLines);
        var all = await _cli.RunAsync("get", "all", "-l", "app=rails-app", "-o", "name");
        Assert.Contains("job/rake-cache-clear", all.OutLines);
        Assert.Contains("cronjob/nightly-report", all.OutLines);
        Assert.DoesNotContain("scalepolicy/web", all.OutLines);

        var key = new ResourceKey(ResourceKind.App, "default", "web");
        var stored = await _cli.Store.GetAsync(key, CancellationToken.None);
        await _cli.Store.UpdateStatusAsync(key, stored!.ManifestHash, new JsonObject
        {
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable" },
                new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["reason"] = "NewRevisionAvailable" }),
        }, CancellationToken.None);
        Assert.Equal("MinimumReplicasAvailable", (await _cli.RunAsync("get", "app", "web", "-o", "jsonpath={.status.conditions[0].reason}")).Out.Trim());
        Assert.Equal("NewRevisionAvailable", (await _cli.RunAsync("get", "app", "web", "-o", "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}")).Out.Trim());
        Assert.Equal("rails-app web", (await _cli.RunAsync("get", "app", "web", "-o", "jsonpath={.metadata.labels.app} {.metadata.labels['tier']}")).Out.Trim());
        Assert.Equal("true", (await _cli.RunAsync("get", "app", "web", "-o", "jsonpath={.metadata.annotations['simulator.ecs.operator/healthy']}")).Out.Trim());
        var ranged = await _cli.RunAsync("get", "apps", "-l", "app=rails-app", "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.taskDefinition.containerDefinitions[-1].name}{\"\\n\"}{end}");
        Assert.Equal(["web=rake", "worker=worker"], ranged.OutLines);
        Assert.Equal(2, (await _cli.RunAsync("get", "apps", "-o", "jsonpath={..name}")).Exit);
        Assert.Equal(2, (await _cli.RunAsync("get", "apps", "-l", "app in (x")).Exit);

        var dry = await _cli.RunAsync("delete", "all", "-l", "app=rails-app", "--dry-run");
        Assert.True(dry.Exit == 0, dry.ToString());
        Assert.Contains("cronjob/nightly-report deleted (dry run)", dry.OutLines);
        var deleted = await _cli.RunAsync("delete", "jobs", "-l", "app=rails-app");
        Assert.Equal(["job/rake-cache-clear deleted"], deleted.OutLines);
        Assert.NotNull(await _cli.Store.GetAsync(new ResourceKey(ResourceKind.CronJob, "default", "nightly-report"), CancellationToken.None));
    }
}
