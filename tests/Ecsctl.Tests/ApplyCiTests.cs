using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;

namespace Ecsctl.Tests;

/// <summary><c>apply --set-image</c>, <c>--env-substitution</c>, <c>-l</c> and <c>--prune</c> against the local store.</summary>
public sealed class ApplyCiTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string App(string name, string image, string labels = "app: rails", string extra = "") => $"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: {name}
          labels: {"{"}{labels}{"}"}
        spec:
          cluster: default
          replicas: 1
          taskDefinition:
            containerDefinitions:
              - name: app
                image: {image}
                memory: 128
        {extra}
        """;

    private async Task<string?> ImageAsync(string name)
    {
        var item = await _cli.Store.GetAsync(new ResourceKey(ResourceKind.App, "default", name), CancellationToken.None);
        return item is null ? null : (string?)ManifestParser.ParseSingle(item.Manifest, "x").Documents[0].Spec["taskDefinition"]!["containerDefinitions"]![0]!["image"];
    }

    [Fact]
    public async Task Set_image_overrides_the_image_of_the_named_container_in_every_document()
    {
        var dir = Path.GetDirectoryName(_cli.WriteFile("d/web.yaml", App("web", "rails:old")))!;
        _cli.WriteFile("d/worker.yaml", App("worker", "rails:old"));
        var applied = await _cli.RunAsync("apply", "-f", dir, "--set-image", "app=rails:v42");
        Assert.True(applied.Exit == 0, applied.ToString());
        Assert.Equal("rails:v42", await ImageAsync("web"));
        Assert.Equal("rails:v42", await ImageAsync("worker"));
        var none = await _cli.RunAsync("apply", "-f", dir, "--set-image", "sidecar=x:1");
        Assert.Equal(1, none.Exit);
        Assert.Contains("no document has a container named \"sidecar\"", none.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Env_substitution_replaces_variables_only_when_asked_and_names_an_unset_one_with_file_and_line()
    {
        var tag = "ECSCTL_TEST_TAG_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var file = _cli.WriteFile("sub.yaml", App("web", $"rails:${{{tag}}}", extra: "")
            .Replace("memory: 128", "memory: 128\n        command: [\"echo\", \"$${HOME}\", \"${" + tag + "_UNSET:-fallback}\"]", StringComparison.Ordinal));
        Environment.SetEnvironmentVariable(tag, "v7");
        try
        {
            var literal = await _cli.RunAsync("apply", "-f", file, "--dry-run");
            Assert.True(literal.Exit == 0, literal.ToString());
            var plain = await _cli.RunAsync("apply", "-f", file);
            Assert.True(plain.Exit == 0, plain.ToString());
            Assert.Equal($"rails:${{{tag}}}", await ImageAsync("web"));

            var substituted = await _cli.RunAsync("apply", "-f", file, "--env-substitution");
            Assert.True(substituted.Exit == 0, substituted.ToString());
            Assert.Equal("rails:v7", await ImageAsync("web"));
            var stored = (await _cli.Store.GetAsync(new ResourceKey(ResourceKind.App, "default", "web"), CancellationToken.None))!.Manifest;
            var command = ManifestParser.ParseSingle(stored, "x").Documents[0].Spec["taskDefinition"]!["containerDefinitions"]![0]!["command"]!.AsArray();
            Assert.Equal(["echo", "${HOME}", "fallback"], command.Select(c => (string)c!));

            Environment.SetEnvironmentVariable(tag, null);
            var unset = await _cli.RunAsync("apply", "-f", file, "--env-substitution");
            Assert.Equal(1, unset.Exit);
            Assert.Contains($"{file}:12:", unset.Err, StringComparison.Ordinal);
            Assert.Contains($"environment variable {tag} is not set", unset.Err, StringComparison.Ordinal);
            Assert.Equal("rails:v7", await ImageAsync("web"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(tag, null);
        }
    }

    [Fact]
    public async Task Prune_deletes_only_selected_items_the_directory_no_longer_holds_and_the_guard_refuses_a_wipe()
    {
        var dir = Path.GetDirectoryName(_cli.WriteFile("p/a.yaml", App("a", "x:1")))!;
        _cli.WriteFile("p/b.yaml", App("b", "x:1"));
        _cli.WriteFile("p/other.yaml", App("other", "x:1", labels: "app: sinatra"));
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", dir)).Exit);
        var unlabelled = _cli.WriteFile("q/free.yaml", App("free", "x:1", labels: "team: x"));
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", unlabelled)).Exit);

        File.Delete(Path.Combine(dir, "b.yaml"));
        File.Delete(Path.Combine(dir, "other.yaml"));
        var dry = await _cli.RunAsync("apply", "-f", dir, "--prune", "-l", "app=rails", "--dry-run");
        Assert.True(dry.Exit == 0, dry.ToString());
        Assert.Equal(["app/a unchanged (dry run)", "app/b pruned (dry run)"], dry.OutLines);
        Assert.NotNull(await ImageAsync("b"));

        var pruned = await _cli.RunAsync("apply", "-f", dir, "--prune", "-l", "app=rails");
        Assert.Equal(["app/a unchanged", "app/b pruned"], pruned.OutLines);
        Assert.Null(await ImageAsync("b"));
        Assert.NotNull(await ImageAsync("other"));
        Assert.NotNull(await ImageAsync("free"));

        // A directory holding none of the selected documents would prune them all: refused unless --force.
        var empty = Path.GetDirectoryName(_cli.WriteFile("e/other.yaml", App("other", "x:1", labels: "app: sinatra")))!;
        var refused = await _cli.RunAsync("apply", "-f", empty, "--prune", "-l", "app=rails");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("refusing to prune all 1 item(s)", refused.Err, StringComparison.Ordinal);
        Assert.NotNull(await ImageAsync("a"));
        var forced = await _cli.RunAsync("apply", "-f", empty, "--prune", "-l", "app=rails", "--force");
        Assert.True(forced.Exit == 0, forced.ToString());
        Assert.Null(await ImageAsync("a"));
        Assert.Equal(2, (await _cli.RunAsync("apply", "-f", empty, "--prune")).Exit);
    }

    [Fact]
    public async Task Prune_refuses_to_delete_more_than_half_of_five_or_more_selected_items()
    {
        var dir = "";
        for (var i = 0; i < 6; i++) dir = Path.GetDirectoryName(_cli.WriteFile($"m/a{i}.yaml", App($"a{i}", "x:1")))!;
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", dir)).Exit);
        for (var i = 0; i < 4; i++) File.Delete(Path.Combine(dir, $"a{i}.yaml"));
        var refused = await _cli.RunAsync("apply", "-f", dir, "--prune", "-l", "app=rails");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("refusing to prune 4 of the 6 items", refused.Err, StringComparison.Ordinal);
        Assert.Equal(6, (await _cli.Store.ListAsync(ResourceKind.App, "default", CancellationToken.None)).Count);
    }
}
