using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.DynamoDb;

/// <summary>The user's path: items written with the real <c>aws dynamodb put-item</c>, as the README documents.</summary>
public sealed class RawPutItemTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private static readonly ResourceKey Web = new(ResourceKind.App, "default", "web");
    private const string Yaml = "apiVersion: ecs.operator/v1\nkind: App\nmetadata:\n  name: web\nspec:\n  cluster: main\n";

    private Task<(int ExitCode, string Stdout, string Stderr)> PutItemAsync(string table, string pk, string manifest) =>
        moto.AwsCliAsync("dynamodb", "put-item", "--table-name", table, "--item",
            new JsonObject { ["pk"] = new JsonObject { ["S"] = pk }, ["manifest"] = new JsonObject { ["S"] = manifest } }.ToJsonString());

    [SkippableFact]
    public async Task An_item_put_with_the_aws_cli_is_a_first_class_resource()
    {
        moto.SkipIfUnavailable();
        var table = await MotoAws.TableAsync(moto);
        using var store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System);

        var (code, _, stderr) = await PutItemAsync(table, "App/default/web", Yaml);
        Assert.True(code == 0, stderr);

        var listed = Assert.Single(await store.ListAsync(ResourceKind.App, null, default));
        Assert.Equal(Web, listed.Key);
        Assert.Equal(Yaml, listed.Manifest);
        Assert.Equal(1, listed.Generation);
        Assert.Null(listed.Status);

        // The operator's status write records the generation it reported; a later raw put of a new manifest bumps it.
        Assert.True(await store.UpdateStatusAsync(Web, listed.ManifestHash, new JsonObject { ["observedGeneration"] = 1 }, default));
        var recorded = await store.GetAsync(Web, default);
        Assert.Equal(1, recorded!.Generation);
        Assert.NotEqual(listed.Version, recorded.Version);

        using (var db = DynamoDbClients.Create(MotoAws.Connection(moto)))
        {
            await db.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table,
                Key = new() { ["pk"] = new AttributeValue { S = "App/default/web" } },
                UpdateExpression = "SET manifest = :m",
                ExpressionAttributeValues = new() { [":m"] = new AttributeValue { S = Yaml + "  replicas: 2\n" } },
            });
        }

        var bumped = await store.GetAsync(Web, default);
        Assert.Equal(2, bumped!.Generation);
        Assert.NotEqual(recorded.Version, bumped.Version);
        Assert.False(await store.UpdateStatusAsync(Web, recorded.ManifestHash, new JsonObject { ["stale"] = true }, default));
    }

    [SkippableFact]
    public async Task Items_with_bad_keys_or_bad_manifests_are_reported_not_crashed_on()
    {
        moto.SkipIfUnavailable();
        var table = await MotoAws.TableAsync(moto);
        using var store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System);

        // One batch-write-item (same items as five put-items, one CLI start-up).
        static JsonObject Put(string pk, string? manifest)
        {
            var item = new JsonObject { ["pk"] = new JsonObject { ["S"] = pk } };
            if (manifest is not null) item["manifest"] = new JsonObject { ["S"] = manifest };
            return new JsonObject { ["PutRequest"] = new JsonObject { ["Item"] = item } };
        }

        var batch = new JsonObject
        {
            [table] = new JsonArray(
                Put("App/default/web", Yaml), Put("App/Default/Not_A_Name", Yaml), Put("Widget/default/x", Yaml),
                Put("App/default/broken", "kind: [unclosed"), Put("Job/default/empty", null)),
        };
        var (code, _, stderr) = await moto.AwsCliAsync("dynamodb", "batch-write-item", "--request-items", batch.ToJsonString());
        Assert.True(code == 0, stderr);

        var all = await store.ListAsync(null, null, default);
        Assert.Equal(["App/default/broken", "App/default/web", "Job/default/empty"], all.Select(r => r.Key.Pk));
        Assert.Equal("kind: [unclosed", all[0].Manifest);
        Assert.Equal("", all[2].Manifest);
        Assert.Equal(["App/Default/Not_A_Name", "Widget/default/x"], store.LastInvalidKeys.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Streams_watch_sees_puts_promptly_sdk_and_raw()
    {
        moto.SkipIfUnavailable();
        var table = await MotoAws.TableAsync(moto);
        using var store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var watch = store.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var next = watch.MoveNextAsync().AsTask();
        await Task.Delay(1000);   // the watch positions itself at the stream's end (LATEST) first

        var clock = Stopwatch.StartNew();
        await store.PutAsync(new ResourceKey(ResourceKind.Job, "default", "j1"), "kind: Job", null, default);
        Assert.True(await next);
        var seen = clock.Elapsed;
        Assert.Equal("Job/default/j1", watch.Current.Pk);
        Assert.True(seen < TimeSpan.FromSeconds(5), $"seen after {seen}");   // sanity bound; the target (< 1 s) is printed
        Console.WriteLine($"streams watch: a put seen {seen.TotalMilliseconds:F0} ms after it was written (poll interval 250 ms)");

        Assert.Equal(0, (await PutItemAsync(table, "App/default/web", Yaml)).ExitCode);
        // A key may come more than once (moto records an update-item of a new item as INSERT + MODIFY): read on to it.
        while (await watch.MoveNextAsync() && watch.Current != Web)
        {
        }

        Assert.Equal(Web, watch.Current);
        await cts.CancelAsync();
    }

    [SkippableFact]
    public async Task A_table_without_a_stream_watches_nothing_until_cancelled()
    {
        moto.SkipIfUnavailable();
        var table = MotoAws.Name("plain");
        await MotoAws.CreatePlainTableAsync(moto, table);
        using var store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var keys = new List<ResourceKey>();
        await foreach (var key in store.WatchAsync(cts.Token)) keys.Add(key);
        Assert.Empty(keys);
        Assert.True(cts.IsCancellationRequested);
    }
}
