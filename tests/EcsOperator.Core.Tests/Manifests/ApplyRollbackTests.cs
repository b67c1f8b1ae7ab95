using System.Reflection;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Manifests.Apply;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Contracts;

namespace EcsOperator.Core.Tests.Manifests;

/// <summary>An apply the store fails part-way is all or nothing: what it wrote is put back, or listed exactly.</summary>
public sealed class ApplyRollbackTests : IDisposable
{
    private readonly TempStateDirectory dir = new();
    private readonly LocalResourceStore store;

    public ApplyRollbackTests() => store = new LocalResourceStore(dir.Paths, ContractClock.Create());

    public void Dispose() => dir.Dispose();

    private static string App(string name, string image) => $"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata: {"{"}name: {name}{"}"}
        spec:
          cluster: default
          taskDefinition:
            containerDefinitions: [{"{"}name: web, image: "{image}", memory: 128{"}"}]
        """;

    private async Task<(int Exit, string Out, string Err)> ApplyAsync(IResourceStore target, int documents)
    {
        var path = Path.Combine(dir.Root, "apps.yaml");
        await File.WriteAllTextAsync(path, string.Join("\n---\n", Enumerable.Range(0, documents).Select(i => App($"app-{i}", "nginx:2"))));
        using var o = new StringWriter();
        using var e = new StringWriter();
        var exit = await ApplyCommand.RunAsync(target, new ApplyRequest([path]), TextReader.Null, o, e, CancellationToken.None);
        return (exit, o.ToString(), e.ToString());
    }

    private async Task<Dictionary<string, string>> SnapshotAsync() =>
        (await store.ListAsync(null, null, default)).ToDictionary(r => r.Key.Pk, r => r.Manifest, StringComparer.Ordinal);

    [Fact]
    public async Task A_store_failure_part_way_puts_back_every_document_written_before_it()
    {
        await store.PutAsync(new ResourceKey(ResourceKind.App, "default", "app-1"), App("app-1", "nginx:1"), null, default);
        var before = await SnapshotAsync();

        var run = await ApplyAsync(FailingStore.Wrap(store, failPutNumber: 6, thenAllFail: false), 10);

        Assert.Equal(1, run.Exit);
        Assert.Contains("error: writing app/app-5 failed: connection refused", run.Err, StringComparison.Ordinal);
        Assert.Contains("the 5 document(s) written before it were put back as they were; nothing was applied", run.Err, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task When_the_store_is_gone_for_the_rollback_too_the_documents_left_written_are_listed_exactly()
    {
        await store.PutAsync(new ResourceKey(ResourceKind.App, "default", "app-1"), App("app-1", "nginx:1"), null, default);

        var run = await ApplyAsync(FailingStore.Wrap(store, failPutNumber: 6, thenAllFail: true), 10);

        Assert.Equal(1, run.Exit);
        Assert.Contains("putting back what was written failed too: connection refused", run.Err, StringComparison.Ordinal);
        Assert.Contains("exactly these 5 document(s) are written by this apply", run.Err, StringComparison.Ordinal);
        var listed = run.Err.Split('\n').Where(l => l.StartsWith("  app/", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        Assert.Equal(["app/app-0 created", "app/app-1 configured", "app/app-2 created", "app/app-3 created", "app/app-4 created"], listed);
        var stored = await SnapshotAsync();
        Assert.Equal(["App/default/app-0", "App/default/app-1", "App/default/app-2", "App/default/app-3", "App/default/app-4"],
            stored.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("nginx:2", stored["App/default/app-1"], StringComparison.Ordinal);
    }

    /// <summary>The local store with its Nth put (and, optionally, every store call after it) refused, as when the
    /// endpoint goes away mid-apply.</summary>
    public class FailingStore : DispatchProxy
    {
        private IResourceStore inner = null!;
        private int failPut;
        private bool thenAllFail;
        private int puts;
        private bool failing;

        public static IResourceStore Wrap(IResourceStore inner, int failPutNumber, bool thenAllFail)
        {
            var proxy = Create<IResourceStore, FailingStore>();
            var self = (FailingStore)(object)proxy;
            (self.inner, self.failPut, self.thenAllFail) = (inner, failPutNumber, thenAllFail);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IResourceStore.PutAsync) && ++puts == failPut)
            {
                failing = thenAllFail;
                return Task.FromException<PutResult>(new HttpRequestException("connection refused"));
            }
            if (failing && targetMethod.ReturnType.IsGenericType)
            {
                var fail = typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!
                    .MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]);
                return fail.Invoke(null, [new HttpRequestException("connection refused")]);
            }
            return targetMethod.Invoke(inner, args);
        }
    }
}
