using System.Text;
using System.Text.Json.Nodes;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Contracts;

namespace EcsOperator.Core.Tests.LocalStore;

/// <summary>Behaviour of the directory layout itself: files a user writes by hand, corrupt files, locks.</summary>
public sealed class LocalResourceStoreTests : IDisposable
{
    private static readonly ResourceKey Web = new(ResourceKind.App, "default", "web");
    private readonly TempStateDirectory _dir = new();
    private readonly LocalResourceStore _store;

    public LocalResourceStoreTests() => _store = new LocalResourceStore(_dir.Paths, ContractClock.Create());

    private string ItemFile(string name) => Path.Combine(_dir.Paths.Store, name);

    private static CancellationToken Ct => CancellationToken.None;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_manifest_file_holds_exactly_the_bytes_written()
    {
        const string text = "kind: App # comment kept\r\nmetadata: {name: web}\n\tspec: \"✓\"";
        await _store.PutAsync(Web, text, null, Ct);
        Assert.Equal(Encoding.UTF8.GetBytes(text), await File.ReadAllBytesAsync(ItemFile("App.default.web.yaml")));
        Assert.True(File.Exists(Path.Combine(_dir.Paths.Store, ".meta", "App.default.web.json")));
    }

    [Fact]
    public async Task A_file_dropped_in_by_hand_is_an_item()
    {
        await File.WriteAllTextAsync(ItemFile("Job.batch.rake-task.yaml"), "kind: Job\n");
        var item = Assert.Single(await _store.ListAsync(null, null, Ct));
        Assert.Equal(new ResourceKey(ResourceKind.Job, "batch", "rake-task"), item.Key);
        Assert.Equal("kind: Job\n", item.Manifest);
        Assert.Equal(1, item.Generation);
    }

    [Fact]
    public async Task Files_whose_names_are_not_keys_are_not_items()
    {
        await File.WriteAllTextAsync(ItemFile("notes.yaml"), "kind: App\n");
        await File.WriteAllTextAsync(ItemFile("Widget.default.web.yaml"), "kind: App\n");
        await File.WriteAllTextAsync(ItemFile("App.default.web.yml"), "kind: App\n");
        Assert.Empty(await _store.ListAsync(null, null, Ct));
    }

    [Fact]
    public async Task A_corrupt_manifest_file_is_reported_as_an_item_not_skipped()
    {
        byte[] garbage = [0xFF, 0xFE, 0x00, (byte)'k', 0xC3];
        await File.WriteAllBytesAsync(ItemFile("App.default.web.yaml"), garbage);
        var item = Assert.Single(await _store.ListAsync(ResourceKind.App, null, Ct));
        Assert.Equal(Web, item.Key);
        Assert.Contains('k', item.Manifest);
        Assert.True(await _store.UpdateStatusAsync(Web, item.ManifestHash, new JsonObject { ["invalid"] = true }, Ct));
        Assert.Equal(garbage, await File.ReadAllBytesAsync(ItemFile("App.default.web.yaml")));
    }

    [Fact]
    public async Task A_corrupt_sidecar_leaves_the_item_visible_and_writable()
    {
        var put = await _store.PutAsync(Web, "kind: App\n", null, Ct);
        await File.WriteAllTextAsync(Path.Combine(_dir.Paths.Store, ".meta", "App.default.web.json"), "{ not json");
        var item = await _store.GetAsync(Web, Ct);
        Assert.Equal("kind: App\n", item!.Manifest);
        Assert.NotEqual(put.Resource.Version, item.Version);
        var next = await _store.PutAsync(Web, "kind: App\nspec: {}\n", item.Version, Ct);
        Assert.Equal(PutOutcome.Configured, next.Outcome);
        Assert.Equal(2, (await _store.GetAsync(Web, Ct))!.Generation);
    }

    [Fact]
    public async Task A_write_waits_for_the_item_lock_and_times_out_while_another_writer_holds_it()
    {
        var store = new LocalResourceStore(_dir.Paths, ContractClock.Create()) { LockTimeout = TimeSpan.FromMilliseconds(300) };
        var lockPath = Path.Combine(_dir.Paths.Store, ".locks", "App.default.web.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            await Assert.ThrowsAsync<TimeoutException>(() => store.PutAsync(Web, "kind: App\n", null, Ct));
            Assert.Null(await store.GetAsync(Web, Ct));
        }

        Assert.Equal(PutOutcome.Created, (await store.PutAsync(Web, "kind: App\n", null, Ct)).Outcome);
    }

    [Fact]
    public async Task No_temporary_files_are_left_behind()
    {
        for (var i = 0; i < 5; i++) await _store.PutAsync(Web, $"kind: App\nspec: {{n: {i}}}\n", null, Ct);
        await _store.DeleteAsync(Web, null, Ct);
        Assert.DoesNotContain(Directory.EnumerateFiles(_dir.Paths.Store, "*", SearchOption.AllDirectories),
            f => !f.EndsWith(".lock", StringComparison.Ordinal));
    }
}

/// <summary>The polling half of the watch, on its own (file systems without notifications).</summary>
public sealed class LocalWatchPollingTests : IDisposable
{
    private readonly TempStateDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Polling_alone_reports_created_changed_and_deleted_files()
    {
        var time = ContractClock.Create();
        var store = new LocalResourceStore(_dir.Paths, time) { FileSystemNotifications = false, PollInterval = TimeSpan.FromSeconds(2) };
        var web = new ResourceKey(ResourceKind.App, "default", "web");
        await store.PutAsync(web, "kind: App\n", null, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var changes = store.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        async Task<ResourceKey> NextAsync()
        {
            var next = changes.MoveNextAsync().AsTask();
            while (!next.IsCompleted)
            {
                await Task.Delay(20);
                time.Advance(TimeSpan.FromSeconds(2));
            }

            Assert.True(await next);
            return changes.Current;
        }

        var job = new ResourceKey(ResourceKind.Job, "default", "once");
        var first = changes.MoveNextAsync().AsTask(); // starts the watch: the snapshot already holds web
        await Task.Delay(100);
        await File.WriteAllTextAsync(Path.Combine(_dir.Paths.Store, "Job.default.once.yaml"), "kind: Job\n");
        while (!first.IsCompleted)
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.True(await first);
        Assert.Equal(job, changes.Current);
        await store.PutAsync(web, "kind: App\nspec: {replicas: 3}\n", null, CancellationToken.None);
        Assert.Equal(web, await NextAsync());
        await store.DeleteAsync(job, null, CancellationToken.None);
        Assert.Equal(job, await NextAsync());
        await cts.CancelAsync();
    }
}

public sealed class LocalStoreKeyTests : IDisposable
{
    private readonly TempStateDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("..", "web")]
    [InlineData("default", "../../etc")]
    [InlineData("default", "Web")]
    public async Task A_key_that_is_not_a_resource_key_is_refused_before_touching_a_file(string ns, string name)
    {
        var store = new LocalResourceStore(_dir.Paths, ContractClock.Create());
        var key = new ResourceKey(ResourceKind.App, ns, name);
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, "kind: App\n", null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(key, CancellationToken.None));
        Assert.Empty(Directory.EnumerateFiles(_dir.Root, "*", SearchOption.AllDirectories));
    }
}
