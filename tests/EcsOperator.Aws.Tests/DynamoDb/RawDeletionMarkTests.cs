using System.Text.Json.Nodes;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Core.Resources;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.DynamoDb;

/// <summary>The documented way to delete without ecsctl: <c>aws dynamodb update-item ... SET deletionRequested</c>,
/// run with the real aws CLI. The watch reports it, and the store reads it as a deletion mark.</summary>
public sealed class RawDeletionMarkTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private const string Yaml = "apiVersion: ecs.operator/v1\nkind: App\nmetadata:\n  name: web\nspec:\n  cluster: main\n";

    [SkippableFact]
    public async Task An_update_item_setting_deletionRequested_marks_the_item_and_is_seen_by_the_watch()
    {
        moto.SkipIfUnavailable();
        var table = await MotoAws.TableAsync(moto);
        using var store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System);
        var web = new ResourceKey(ResourceKind.App, "default", "web");
        await store.PutAsync(web, Yaml, null, default);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var established = new TaskCompletionSource();
        await using var watch = store.WatchAsync(() => established.TrySetResult(), cts.Token).GetAsyncEnumerator(cts.Token);
        var next = watch.MoveNextAsync().AsTask();
        await established.Task.WaitAsync(cts.Token);

        var (code, _, stderr) = await moto.AwsCliAsync("dynamodb", "update-item", "--table-name", table,
            "--key", """{"pk":{"S":"App/default/web"}}""",
            "--update-expression", "SET deletionRequested = :t",
            "--condition-expression", "attribute_exists(pk)",
            "--expression-attribute-values", """{":t":{"S":"2026-12-01T10:00:00Z"}}""");
        Assert.True(code == 0, stderr);

        Assert.True(await next);
        Assert.Equal(web, watch.Current);
        var marked = await store.GetAsync(web, default);
        Assert.True(marked!.IsMarkedForDeletion);
        Assert.Equal("2026-12-01T10:00:00Z", marked.DeletionRequested);
        Assert.Equal(Yaml, marked.Manifest);

        // the condition keeps a mark on a missing key from creating an item
        var (missing, _, _) = await moto.AwsCliAsync("dynamodb", "update-item", "--table-name", table,
            "--key", """{"pk":{"S":"App/default/nothing"}}""",
            "--update-expression", "SET deletionRequested = :t",
            "--condition-expression", "attribute_exists(pk)",
            "--expression-attribute-values", """{":t":{"S":"now"}}""");
        Assert.NotEqual(0, missing);
        Assert.Null(await store.GetAsync(new ResourceKey(ResourceKind.App, "default", "nothing"), default));
        await cts.CancelAsync();
    }
}
