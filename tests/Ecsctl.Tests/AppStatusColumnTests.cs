using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;

namespace Ecsctl.Tests;

/// <summary>The STATUS column reads conditions the way the App reconciler writes them.</summary>
public sealed class AppStatusColumnTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("True", "NewRevisionAvailable", "True", "False", "Available")]  // a finished rollout keeps Progressing=True
    [InlineData("True", "RolloutInProgress", "False", "False", "Progressing")]
    [InlineData("True", "RolloutInProgress", "True", "False", "Progressing")]   // available on the old revision, new one rolling
    [InlineData("False", "HookFailed", "True", "True", "Degraded")]
    public async Task Status_column_follows_the_conditions(string progressing, string reason, string available, string degraded, string expected)
    {
        await _cli.RunAsync("apply", "-f", Path.Combine(CliHarness.Samples, "apps", "worker.yaml"));
        var key = new ResourceKey(ResourceKind.App, "default", "worker");
        var stored = await _cli.Store.GetAsync(key, default);
        await _cli.Store.UpdateStatusAsync(key, stored!.ManifestHash, new JsonObject
        {
            ["observedGeneration"] = 1,
            ["conditions"] = new JsonArray(
                Condition("Available", available, "MinimumReplicasAvailable"),
                Condition("Progressing", progressing, reason),
                Condition("Degraded", degraded, degraded == "True" ? reason : "AsExpected")),
        }, default);

        var result = await _cli.RunAsync("get", "apps");

        Assert.Equal(0, result.Exit);
        Assert.Matches($@"^worker\s+\S+\s+\S+\s+{expected}\s", result.OutLines[1]);
    }

    private static JsonObject Condition(string type, string status, string reason) => new()
    {
        ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = "", ["lastTransitionTime"] = "2026-11-26T00:00:00Z",
    };
}
