using System.Text;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Tests.Apps;

/// <summary>An App's status does not grow with its history: a 40 KB task definition changed many times keeps a
/// status of a few KB (revisions are references), so every status write succeeds and the status tells the truth.</summary>
public sealed class AppBoundedStatusTests : IDisposable
{
    private readonly AppHarness h = new();

    public void Dispose() => h.Dispose();

    /// <summary>An App whose task definition is about 40 KB: 400 environment variables of ~100 bytes.</summary>
    private static string BigApp(string image)
    {
        var env = new StringBuilder();
        for (var i = 0; i < 400; i++) env.Append($"          - name: SETTING_{i:D3}\n            value: \"{new string((char)('a' + i % 26), 64)}\"\n");
        var app = AppHarness.App("web", image);
        Assert.Contains("\n        environment:\n          - name: B\n", app);
        return app.Replace("\n        environment:\n", "\n        environment:\n" + env);
    }

    [Fact]
    public async Task A_40_kb_task_definition_through_eight_image_changes_keeps_a_small_truthful_status()
    {
        Assert.InRange(Encoding.UTF8.GetByteCount(BigApp("nginx:1")), 40_000, 60_000);
        for (var v = 1; v <= 8; v++)
        {
            await h.ApplyAsync("web", BigApp($"nginx:{v}"));
            await h.ConvergeAsync("web");
            var status = await h.StatusAsync("web");
            Assert.EndsWith($"web:{v}", status.Str("activeTaskDefinition"));
            Assert.Equal("True", AppHarness.Condition(status, "Available"));
            var bytes = Encoding.UTF8.GetByteCount(status.ToJsonString());
            Assert.True(bytes < 8 * 1024, $"status after {v} revisions is {bytes} bytes");
            Assert.All(status.Arr("revisions").Objects(), r => Assert.Null(r["taskDefinition"]));
        }
        var revisions = (await h.StatusAsync("web")).Arr("revisions").Objects().ToList();
        Assert.Equal("web:8", revisions[0].Str("taskDefinitionArn")![^5..]);
        Assert.All(revisions, r => Assert.NotNull(r.Str("specHash")));
    }

    [Fact]
    public async Task A_status_written_by_an_earlier_version_loses_its_recorded_definitions()
    {
        await h.ApplyAsync("web", BigApp("nginx:1"));
        await h.ConvergeAsync("web");
        var item = (await h.Store.GetAsync(AppHarness.Key("web"), default))!;
        var legacy = item.Status!.DeepClone().AsObject();
        foreach (var r in legacy.Arr("revisions").Objects()) r["taskDefinition"] = JsonNode.Parse("""{"containerDefinitions":[{"name":"app","image":"nginx:1"}]}""");
        Assert.True(await h.Store.UpdateStatusAsync(item.Key, item.ManifestHash, legacy, default));

        await h.ReconcileAsync("web");
        Assert.All((await h.StatusAsync("web")).Arr("revisions").Objects(), r => Assert.Null(r["taskDefinition"]));
    }
}
