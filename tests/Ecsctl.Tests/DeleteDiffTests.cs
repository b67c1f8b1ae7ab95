namespace Ecsctl.Tests;

public sealed class DeleteDiffTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Delete_marks_by_name_and_by_file()
    {
        await _cli.RunAsync("apply", "-f", CliHarness.Samples);
        var one = await _cli.RunAsync("delete", "app/web");
        Assert.Equal(0, one.Exit);
        Assert.Equal("app/web deleted", one.Out.Trim());
        // marked, not removed: the operator removes the service, then the item; until then it shows as Terminating
        var marked = await _cli.RunAsync("get", "app", "web");
        Assert.Equal(0, marked.Exit);
        Assert.Matches(@"^web\s+\S+\s+\S+\s+Terminating\s", marked.OutLines[1]);

        var rest = await _cli.RunAsync("delete", "-f", CliHarness.Samples);
        Assert.Equal(0, rest.Exit);
        var all = await _cli.Store.ListAsync(null, null, CancellationToken.None);
        Assert.NotEmpty(all);
        Assert.All(all, r => Assert.True(r.IsMarkedForDeletion, r.Key.Pk));
        Assert.Equal(0, (await _cli.RunAsync("delete", "app/gone", "--ignore-not-found")).Exit);
        Assert.Equal(1, (await _cli.RunAsync("delete", "app/gone")).Exit);
    }

    [Fact]
    public async Task Diff_is_empty_for_an_applied_file_and_unified_for_a_change()
    {
        var path = _cli.WriteFile("pool.yaml", ApplyTests.Pool(1));
        var before = await _cli.RunAsync("diff", "-f", path);
        Assert.Equal(1, before.Exit);
        Assert.StartsWith("--- /dev/null\n+++ b/CapacityPool/default/nodes", before.Out, StringComparison.Ordinal);
        Assert.Contains("+  buffer: 1\n", before.Out, StringComparison.Ordinal);

        await _cli.RunAsync("apply", "-f", path);
        var same = await _cli.RunAsync("diff", "-f", path);
        Assert.Equal(0, same.Exit);
        Assert.Equal("", same.Out);

        var changed = await _cli.RunAsync("diff", "-f", _cli.WriteFile("pool2.yaml", ApplyTests.Pool(3)));
        Assert.Equal(1, changed.Exit);
        Assert.Contains("--- a/CapacityPool/default/nodes (stored)\n", changed.Out, StringComparison.Ordinal);
        Assert.Contains("@@ -", changed.Out, StringComparison.Ordinal);
        Assert.Contains("\n-  buffer: 1\n+  buffer: 3\n", changed.Out, StringComparison.Ordinal);
        Assert.Equal(1, (await _cli.Store.GetAsync(new(EcsOperator.Core.Resources.ResourceKind.CapacityPool, "default", "nodes"), CancellationToken.None))!.Generation);
    }

    [Fact]
    public async Task Validate_prints_each_error_with_its_position()
    {
        var good = await _cli.RunAsync("validate", "-f", CliHarness.Samples);
        Assert.Equal(0, good.Exit);
        Assert.Contains("are valid", good.Out, StringComparison.Ordinal);

        var bad = _cli.WriteFile("bad.yaml", "apiVersion: ecs.operator/v1\nkind: ScalePolicy\nmetadata: {name: web}\nspec:\n  targetRef: web\n  minTaskCount: -1\n  maxTaskCount: [25, 10]\n");
        var result = await _cli.RunAsync("validate", "-f", bad);
        Assert.Equal(1, result.Exit);
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(bad)}:6:\d+: spec\.minTaskCount: ", result.Err);
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(bad)}:7:\d+: spec\.maxTaskCount", result.Err);
        Assert.False(Directory.Exists(_cli.Paths.Store) && Directory.EnumerateFiles(_cli.Paths.Store).Any());
        var missing = await _cli.RunAsync("validate", "-f", Path.Combine(_cli.StateDir, "no-such.yaml"));
        Assert.Equal(1, missing.Exit);
        Assert.Contains("no-such.yaml: no such file or directory", missing.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  subnets: [subnet-1, subnet-2\n", 6, 12, "While parsing a flow sequence, did not find expected ',' or ']'")]
    [InlineData("  labels: {team: web\n", 6, 11, "While parsing a flow mapping, did not find expected ',' or '}'")]
    [InlineData("  cluster: 'app\n", 6, 12, "While scanning a quoted scalar, found unexpected end of stream")]
    [InlineData("\tcluster: app\n", 6, 1, "found invalid tab as indentation")]
    public async Task A_yaml_syntax_error_is_reported_at_yamldotnets_line_and_column_in_its_words(string line6, int line, int column, string message)
    {
        var text = "apiVersion: ecs.operator/v1\nkind: App\nmetadata:\n  name: web\nspec:\n" + line6 + "  taskDefinition: {}\n";
        var bad = _cli.WriteFile("syntax.yaml", text);
        foreach (var verb in new[] { "validate", "apply" })
        {
            var result = await _cli.RunAsync(verb, "-f", bad);
            Assert.Equal(1, result.Exit);
            Assert.Contains($"{bad}:{line}:{column}: invalid YAML: ", result.Err, StringComparison.Ordinal);
            Assert.Contains(message, result.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("current state of the object", result.Err, StringComparison.Ordinal);
        }
        Assert.Empty(await _cli.Store.ListAsync(null, null, CancellationToken.None));
    }
}

public sealed class NamespaceFlagTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_namespace_flag_that_disagrees_with_the_documents_is_an_error_and_applies_nothing()
    {
        var path = _cli.WriteFile("pool.yaml", ApplyTests.Pool(1));
        var result = await _cli.RunAsync("apply", "-f", path, "-n", "staging");
        Assert.Equal(1, result.Exit);
        Assert.Contains($"{path}:1:1: metadata.namespace: CapacityPool/default/nodes is in namespace \"default\", not \"staging\"", result.Err, StringComparison.Ordinal);
        Assert.Empty(await _cli.Store.ListAsync(null, null, CancellationToken.None));
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", path, "-n", "default")).Exit);
    }
}
