using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Local;
using EcsOperator.TestUtilities.Contracts;

namespace EcsOperator.Tests.Hosting;

public sealed class ManifestApplierTests
{
    [Fact]
    public async Task A_directory_applies_its_manifests_reports_bad_ones_and_skips_other_yaml()
    {
        using var state = new TempStateDirectory();
        var src = Path.Combine(state.Root, "src");
        Directory.CreateDirectory(Path.Combine(src, "infra"));
        await File.WriteAllTextAsync(Path.Combine(src, "web.yaml"), EndToEnd.OperatorWorld.App("web"));
        await File.WriteAllTextAsync(Path.Combine(src, "bad.yaml"), "apiVersion: ecs.operator/v1\nkind: App\nmetadata:\n  name: Bad_Name\nspec: {}\n");
        await File.WriteAllTextAsync(Path.Combine(src, "infra", "stack.yaml"), "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
        var store = new LocalResourceStore(state.Paths, TimeProvider.System);
        using var o = new StringWriter();
        using var e = new StringWriter();
        var errors = await ManifestApplier.ApplyAsync(store, src, o, e, CancellationToken.None);
        Assert.True(errors > 0);
        Assert.Contains("bad.yaml:", e.ToString());
        Assert.Contains("app/web created", o.ToString());
        Assert.Contains("stack.yaml skipped", o.ToString());
        Assert.NotNull(await store.GetAsync(new ResourceKey(ResourceKind.App, "default", "web"), default));
        Assert.Single(await store.ListAsync(null, null, default));

        using var o2 = new StringWriter();
        await ManifestApplier.ApplyAsync(store, Path.Combine(src, "web.yaml"), o2, e, CancellationToken.None);
        Assert.Contains("app/web unchanged", o2.ToString());
    }
}
