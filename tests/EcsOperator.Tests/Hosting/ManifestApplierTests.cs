using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Manifests.Apply;
using EcsOperator.Core.Resources;
using EcsOperator.TestUtilities.Contracts;

namespace EcsOperator.Tests.Hosting;

/// <summary><c>ecs-operator local --apply</c> goes through <see cref="ApplyCommand"/>, the path <c>ecsctl apply -f</c> takes.</summary>
public sealed class ManifestApplierTests
{
    [Fact]
    public async Task A_directory_with_a_bad_manifest_applies_nothing_and_other_yaml_is_skipped_with_a_note()
    {
        using var state = new TempStateDirectory();
        var src = Path.Combine(state.Root, "src");
        Directory.CreateDirectory(Path.Combine(src, "infra"));
        await File.WriteAllTextAsync(Path.Combine(src, "web.yaml"), EndToEnd.OperatorWorld.App("web"));
        await File.WriteAllTextAsync(Path.Combine(src, "bad.yaml"), "apiVersion: ecs.operator/v1\nkind: App\nmetadata:\n  name: Bad_Name\nspec: {}\n");
        var stack = Path.Combine(src, "infra", "stack.yaml");
        await File.WriteAllTextAsync(stack, "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
        var store = new LocalResourceStore(state.Paths, TimeProvider.System);

        var (exit, stdout, stderr) = await ApplyAsync(store, src);
        Assert.Equal(1, exit);
        Assert.Contains("bad.yaml:", stderr, StringComparison.Ordinal);
        Assert.Contains($"{stack}: skipped (not an ecs.operator/v1 manifest)", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.Empty(await store.ListAsync(null, null, default));

        File.Delete(Path.Combine(src, "bad.yaml"));
        (exit, stdout, _) = await ApplyAsync(store, src);
        Assert.Equal(0, exit);
        Assert.Equal("app/web created", stdout.Trim());
        (_, stdout, _) = await ApplyAsync(store, Path.Combine(src, "web.yaml"));
        Assert.Equal("app/web unchanged", stdout.Trim());
    }

    [Fact]
    public async Task The_samples_directory_reports_one_line_per_document_and_skips_the_iam_policy()
    {
        using var state = new TempStateDirectory();
        var samples = Path.Combine(RepoRoot(), "samples");
        var store = new LocalResourceStore(state.Paths, TimeProvider.System);
        var (exit, stdout, stderr) = await ApplyAsync(store, samples);
        Assert.True(exit == 0, stderr);
        Assert.Equal($"{Path.Combine(samples, "operator", "iam-policy.json")}: skipped (not an ecs.operator/v1 manifest)", stderr.Trim());
        var stored = await store.ListAsync(null, null, default);
        var expected = stored.Select(r => $"{ApplyCommand.Display(r.Key)} created").Order(StringComparer.Ordinal);
        Assert.Equal(expected, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
        Assert.Contains(stored, r => r.Key == new ResourceKey(ResourceKind.App, "default", "ecs-operator"));
    }

    private static async Task<(int Exit, string Out, string Err)> ApplyAsync(LocalResourceStore store, string path)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var exit = await ApplyCommand.RunAsync(store, new ApplyRequest([path]), TextReader.Null, o, e, CancellationToken.None);
        return (exit, o.ToString(), e.ToString());
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
    }
}
