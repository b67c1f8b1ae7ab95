using System.Text.Json.Nodes;
using Ecsctl.Cli;
using Ecsctl.Commands;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Tests;

/// <summary><c>ecsctl set image|env</c> against the local store.</summary>
public sealed class SetTests : IDisposable
{
    private const string OldImage = "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/rails-app:latest";
    private const string NewImage = "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/rails-app:v42";
    private static readonly ResourceKey Web = new(ResourceKind.App, "default", "web");
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>The sample's first container (app) comes first; the rake sidecar shares its image and must keep it.</summary>
    internal static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }

    private static string WebText => File.ReadAllText(Path.Combine(CliHarness.Samples, "apps", "web.yaml"));

    /// <summary>The sample as a user's raw put-item would store it: comments, flow mappings and all.</summary>
    private async Task<StoredResource> PutRawWebAsync() => (await _cli.Store.PutAsync(Web, WebText, null, Ct)).Resource;

    private async Task<JsonObject> StoredRootAsync(ResourceKey key)
    {
        var parsed = ManifestParser.ParseSingle((await _cli.Store.GetAsync(key, Ct))!.Manifest, key.Pk);
        Assert.True(parsed.Ok, string.Join("\n", parsed.Errors));
        return parsed.Documents[0].Root;
    }

    [Fact]
    public async Task Set_image_changes_only_the_image_text_of_a_raw_item_and_prints_the_change()
    {
        var before = await PutRawWebAsync();
        var result = await _cli.RunAsync("set", "image", "app/web", "app=" + NewImage);
        Assert.True(result.Exit == 0, result.ToString());
        Assert.Contains($"app/web: container app image: {OldImage} -> {NewImage}", result.OutLines);
        Assert.Contains("app/web image updated", result.OutLines);
        var after = (await _cli.Store.GetAsync(Web, Ct))!;
        Assert.Equal(ReplaceFirst(WebText, OldImage, NewImage), after.Manifest);
        Assert.Equal(before.Generation + 1, after.Generation);
    }

    [Fact]
    public async Task Set_env_replaces_a_value_in_place_adds_and_removes_variables_and_dry_run_writes_nothing()
    {
        await PutRawWebAsync();
        var dry = await _cli.RunAsync("set", "env", "app/web", "app", "RAILS_LOG_TO_STDOUT=0", "--dry-run");
        Assert.True(dry.Exit == 0, dry.ToString());
        Assert.Contains("app/web: container app env RAILS_LOG_TO_STDOUT: 1 -> 0", dry.OutLines);
        Assert.Contains("app/web env updated (dry run)", dry.OutLines);
        Assert.Equal(WebText, (await _cli.Store.GetAsync(Web, Ct))!.Manifest);

        var replaced = await _cli.RunAsync("set", "env", "app/web", "app", "RAILS_LOG_TO_STDOUT=0");
        Assert.True(replaced.Exit == 0, replaced.ToString());
        Assert.Equal(WebText.Replace("{name: RAILS_LOG_TO_STDOUT, value: \"1\"}", "{name: RAILS_LOG_TO_STDOUT, value: \"0\"}", StringComparison.Ordinal),
            (await _cli.Store.GetAsync(Web, Ct))!.Manifest);

        var structural = await _cli.RunAsync("set", "env", "app/web", "app", "RAILS_MAX_THREADS=8", "RAILS_SERVE_STATIC_FILES-");
        Assert.True(structural.Exit == 0, structural.ToString());
        Assert.Contains("app/web: container app env RAILS_SERVE_STATIC_FILES: true -> (removed)", structural.OutLines);
        Assert.Contains("canonical form", structural.Err, StringComparison.Ordinal);
        var env = (await StoredRootAsync(Web))["spec"]!["taskDefinition"]!["containerDefinitions"]![0]!["environment"]!.AsArray();
        Assert.Equal(["RAILS_ENV=production", "RAILS_LOG_TO_STDOUT=0", "RAILS_MAX_THREADS=8"], env.Select(e => $"{e!["name"]}={e["value"]}"));

        var again = await _cli.RunAsync("set", "env", "app/web", "app", "RAILS_MAX_THREADS=8");
        Assert.Equal("app/web unchanged", again.Out.Trim());
    }

    [Fact]
    public async Task A_json_item_stays_json_and_numbers_looking_values_are_quoted()
    {
        var json = ManifestParser.ParseSingle(WebText, "web.yaml").Documents[0].ToJson();
        await _cli.Store.PutAsync(Web, json, null, Ct);
        var result = await _cli.RunAsync("set", "image", "web", "app=12345");
        Assert.True(result.Exit == 0, result.ToString());
        var stored = (await _cli.Store.GetAsync(Web, Ct))!.Manifest;
        Assert.Equal(ReplaceFirst(json, $"\"{OldImage}\"", "\"12345\""), stored);
        Assert.Equal("12345", (string)(await StoredRootAsync(Web))["spec"]!["taskDefinition"]!["containerDefinitions"]![0]!["image"]!);
    }

    [Fact]
    public async Task Jobs_and_cron_jobs_are_changed_where_their_containers_are()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", CliHarness.Samples)).Exit);
        var appRef = await _cli.RunAsync("set", "image", "job/rake-cache-clear", "app=" + NewImage);
        Assert.Equal(1, appRef.Exit);
        Assert.Contains("set the image on app/web", appRef.Err, StringComparison.Ordinal);

        var cron = await _cli.RunAsync("set", "env", "cronjob/nightly-report", "app", "REPORT_DAY=monday");
        Assert.True(cron.Exit == 0, cron.ToString());
        var cj = new ResourceKey(ResourceKind.CronJob, "default", "nightly-report");
        Assert.Equal("monday", (string)(await StoredRootAsync(cj))["spec"]!["jobTemplate"]!["spec"]!["environment"]!["REPORT_DAY"]!);
        var wrong = await _cli.RunAsync("set", "env", "cronjob/nightly-report", "sidecar", "A=1");
        Assert.Equal(1, wrong.Exit);
        Assert.Contains("overrides container app", wrong.Err, StringComparison.Ordinal);

        var inline = _cli.WriteFile("inline.yaml", """
            apiVersion: ecs.operator/v1
            kind: Job
            metadata: {name: inline}
            spec:
              cluster: default
              taskDefinition:
                family: inline
                containerDefinitions:
                  - {name: main, image: "busybox:1.36", essential: true, memory: 128}
              command: [echo, hi]
            """);
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", inline)).Exit);
        var job = await _cli.RunAsync("set", "image", "job/inline", "*=busybox:1.37");
        Assert.True(job.Exit == 0, job.ToString());
        var jobKey = new ResourceKey(ResourceKind.Job, "default", "inline");
        Assert.Equal("busybox:1.37", (string)(await StoredRootAsync(jobKey))["spec"]!["taskDefinition"]!["containerDefinitions"]![0]!["image"]!);

        var missing = await _cli.RunAsync("set", "image", "app/web", "nope=x");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("has no container \"nope\"; its containers: app", missing.Err, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.RunAsync("set", "image", "app/web", "app")).Exit);
        Assert.Equal(1, (await _cli.RunAsync("set", "image", "app/ghost", "app=x")).Exit);
    }

    [Fact]
    public async Task A_manifest_edit_between_read_and_write_is_an_error_and_is_not_lost()
    {
        await PutRawWebAsync();
        var theirs = WebText.Replace("cpu: 704", "cpu: 512", StringComparison.Ordinal);
        var store = new InterleavingStore(_cli.Store, (inner, ct) => inner.PutAsync(Web, theirs, null, ct));
        var e = await Assert.ThrowsAsync<CommandFailedException>(() =>
            new SetService(store).EditAsync(Web, root => ManifestEdits.SetImages(Web, root, [("app", NewImage)]), false, Ct));
        Assert.Contains("was changed by someone else since it was read", e.Message, StringComparison.Ordinal);
        Assert.Equal(theirs, (await _cli.Store.GetAsync(Web, Ct))!.Manifest);
    }

    [Fact]
    public async Task A_status_write_between_read_and_write_is_not_a_conflict()
    {
        var stored = await PutRawWebAsync();
        var store = new InterleavingStore(_cli.Store,
            (inner, ct) => inner.UpdateStatusAsync(Web, stored.ManifestHash, new JsonObject { ["observedGeneration"] = stored.Generation }, ct));
        var result = await new SetService(store).EditAsync(Web, root => ManifestEdits.SetImages(Web, root, [("app", NewImage)]), false, Ct);
        Assert.Single(result.Changes);
        Assert.Contains(NewImage, (await _cli.Store.GetAsync(Web, Ct))!.Manifest, StringComparison.Ordinal);
    }

    /// <summary>The real local store, with another writer's write slipped in just before the first put.</summary>
    private sealed class InterleavingStore(IResourceStore inner, Func<IResourceStore, CancellationToken, Task> before) : IResourceStore
    {
        private bool _done;

        public Task<StoredResource?> GetAsync(ResourceKey key, CancellationToken ct) => inner.GetAsync(key, ct);

        public Task<IReadOnlyList<StoredResource>> ListAsync(ResourceKind? kind, string? @namespace, CancellationToken ct) => inner.ListAsync(kind, @namespace, ct);

        public async Task<PutResult> PutAsync(ResourceKey key, string manifest, string? expectedVersion, CancellationToken ct)
        {
            if (!_done)
            {
                _done = true;
                await before(inner, ct);
            }

            return await inner.PutAsync(key, manifest, expectedVersion, ct);
        }

        public Task<bool> UpdateStatusAsync(ResourceKey key, string manifestHash, JsonObject status, CancellationToken ct) => inner.UpdateStatusAsync(key, manifestHash, status, ct);

        public Task<bool> DeleteAsync(ResourceKey key, string? expectedVersion, CancellationToken ct) => inner.DeleteAsync(key, expectedVersion, ct);

        public Task<bool> MarkForDeletionAsync(ResourceKey key, CancellationToken ct) => inner.MarkForDeletionAsync(key, ct);

        public IAsyncEnumerable<ResourceKey> WatchAsync(Action? established, CancellationToken ct) => inner.WatchAsync(established, ct);
    }
}
