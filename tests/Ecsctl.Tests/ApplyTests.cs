using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;

namespace Ecsctl.Tests;

public sealed class ApplyTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static IReadOnlyList<ResourceKey> SampleKeys()
    {
        var keys = new List<ResourceKey>();
        foreach (var file in Directory.EnumerateFiles(CliHarness.Samples, "*.yaml", SearchOption.AllDirectories))
        {
            var parsed = ManifestParser.Parse(File.ReadAllText(file), file);
            Assert.True(parsed.Ok, string.Join("\n", parsed.Errors));
            keys.AddRange(parsed.Documents.Select(d => d.Key));
        }

        Assert.NotEmpty(keys);
        return keys;
    }

    [Fact]
    public async Task Applying_the_samples_creates_everything_and_again_changes_nothing()
    {
        var keys = SampleKeys();
        var first = await _cli.RunAsync("apply", "-f", CliHarness.Samples);
        Assert.True(first.Exit == 0, first.ToString());
        Assert.Equal(keys.Count, first.OutLines.Count);
        Assert.All(first.OutLines, l => Assert.EndsWith(" created", l, StringComparison.Ordinal));
        foreach (var key in keys)
        {
            Assert.Contains($"{key.Kind.ToString().ToLowerInvariant()}/{key.Name} created", first.OutLines);
            var stored = await _cli.Store.GetAsync(key, CancellationToken.None);
            Assert.NotNull(stored);
            Assert.True(ManifestParser.ParseSingle(stored.Manifest, key.Pk).Ok);
        }

        var second = await _cli.RunAsync("apply", "-f", CliHarness.Samples);
        Assert.Equal(0, second.Exit);
        Assert.Equal(keys.Count, second.OutLines.Count);
        Assert.All(second.OutLines, l => Assert.EndsWith(" unchanged", l, StringComparison.Ordinal));
        Assert.All(await _cli.Store.ListAsync(null, null, CancellationToken.None), r => Assert.Equal(1, r.Generation));
    }

    [Fact]
    public async Task A_changed_document_is_configured_and_a_reformatted_one_is_unchanged()
    {
        var path = _cli.WriteFile("pool.yaml", Pool(buffer: 1));
        Assert.Equal("capacitypool/nodes created", (await _cli.RunAsync("apply", "-f", path)).Out.Trim());
        var reformatted = "# same document, keys in another order\nspec: {buffer: 1, autoScalingGroupName: nodes-asg, cluster: default}\n"
            + "metadata: {name: nodes}\nkind: CapacityPool\napiVersion: ecs.operator/v1\nstatus: {desiredCapacity: 99}\n";
        Assert.Equal("capacitypool/nodes unchanged", (await _cli.RunAsync("apply", "-f", _cli.WriteFile("pool2.yaml", reformatted))).Out.Trim());
        Assert.Equal("capacitypool/nodes configured", (await _cli.RunAsync("apply", "-f", _cli.WriteFile("pool.yaml", Pool(buffer: 2)))).Out.Trim());
        var stored = await _cli.Store.GetAsync(new ResourceKey(ResourceKind.CapacityPool, "default", "nodes"), CancellationToken.None);
        Assert.Equal(2, stored!.Generation);
        Assert.Contains("buffer: 2", stored.Manifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_document_fails_with_file_and_line_and_nothing_is_applied()
    {
        _cli.WriteFile("dir/a-good.yaml", Pool(buffer: 1));
        var bad = _cli.WriteFile("dir/b-bad.yaml", Pool(buffer: 1).Replace("nodes-asg", "nodes-asg\n  bufer: 2", StringComparison.Ordinal));
        var result = await _cli.RunAsync("apply", "-f", Path.GetDirectoryName(bad)!);
        Assert.Equal(1, result.Exit);
        Assert.Contains($"{bad}:8:3: spec.bufer: unknown field", result.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was applied", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
        Assert.Empty(await _cli.Store.ListAsync(null, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_yaml_syntax_error_names_the_file_and_line()
    {
        var bad = _cli.WriteFile("broken.yaml", "apiVersion: ecs.operator/v1\nkind: App\nmetadata:\n  name: [unclosed\n");
        var result = await _cli.RunAsync("apply", "-f", bad);
        Assert.Equal(1, result.Exit);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(bad)}:\d+:\d+: ", result.Err);
    }

    [Fact]
    public async Task Dry_run_reports_outcomes_and_writes_nothing()
    {
        var result = await _cli.RunAsync("apply", "-f", CliHarness.Samples, "--dry-run");
        Assert.Equal(0, result.Exit);
        Assert.All(result.OutLines, l => Assert.EndsWith(" created (dry run)", l, StringComparison.Ordinal));
        Assert.Empty(await _cli.Store.ListAsync(null, null, CancellationToken.None));
        Assert.Empty(Directory.EnumerateFiles(_cli.Paths.Store, "*.yaml"));

        await _cli.RunAsync("apply", "-f", CliHarness.Samples);
        var deleteDry = await _cli.RunAsync("delete", "-f", CliHarness.Samples, "--dry-run");
        Assert.Equal(0, deleteDry.Exit);
        Assert.All(deleteDry.OutLines, l => Assert.EndsWith(" deleted (dry run)", l, StringComparison.Ordinal));
        Assert.Equal(SampleKeys().Count, (await _cli.Store.ListAsync(null, null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Documents_can_come_from_stdin()
    {
        var result = await _cli.RunWithInputAsync(Pool(1) + "---\n" + Pool(1).Replace("name: nodes", "name: spare", StringComparison.Ordinal), "apply", "-f", "-");
        Assert.Equal(0, result.Exit);
        Assert.Equal(["capacitypool/nodes created", "capacitypool/spare created"], result.OutLines);
    }

    [Fact]
    public async Task The_same_resource_twice_in_one_apply_is_an_error()
    {
        var a = _cli.WriteFile("twice/a.yaml", Pool(1));
        _cli.WriteFile("twice/b.yaml", Pool(2));
        var result = await _cli.RunAsync("apply", "-f", Path.GetDirectoryName(a)!);
        Assert.Equal(1, result.Exit);
        Assert.Contains("CapacityPool/default/nodes is also defined at " + a, result.Err, StringComparison.Ordinal);
        Assert.Empty(await _cli.Store.ListAsync(null, null, CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_input_is_an_error()
    {
        var result = await _cli.RunWithInputAsync("# nothing here\n", "apply", "-f", "-");
        Assert.Equal(1, result.Exit);
        Assert.Contains("no documents found", result.Err, StringComparison.Ordinal);
    }

    internal static string Pool(int buffer) =>
        $"apiVersion: ecs.operator/v1\nkind: CapacityPool\nmetadata:\n  name: nodes\nspec:\n  cluster: default\n  autoScalingGroupName: nodes-asg\n  buffer: {buffer}\n";
}

public sealed class FamilyWarningTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string App(string name, string? family) => $$"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: {{name}}
        spec:
          cluster: default
          taskDefinition:
            {{(family is null ? "" : "family: " + family)}}
            containerDefinitions:
              - name: app
                image: nginx:1
                memory: 128
        """;

    [Fact]
    public async Task Validate_and_apply_warn_when_two_apps_name_one_family_in_the_input_or_against_the_store()
    {
        var both = _cli.WriteFile("both.yaml", App("a", "shared") + "\n---\n" + App("b", "shared") + "\n---\n" + App("c", null));
        var validate = await _cli.RunAsync("validate", "-f", both);
        Assert.Equal(0, validate.Exit);
        Assert.True(validate.Err.Contains($"warning: {both}:14: app/b names task definition family shared, as app/a does ({both}:1)", StringComparison.Ordinal), validate.Err);
        Assert.DoesNotContain("app/c", validate.Err, StringComparison.Ordinal);

        var one = _cli.WriteFile("a.yaml", App("a", "shared"));
        var first = await _cli.RunAsync("apply", "-f", one);
        Assert.Equal(0, first.Exit);
        Assert.DoesNotContain("warning", first.Err, StringComparison.Ordinal); // re-applying an App is not a conflict with itself
        var other = _cli.WriteFile("d.yaml", App("d", null).Replace("name: d", "name: d", StringComparison.Ordinal).Replace("containerDefinitions", "family: shared\n    containerDefinitions", StringComparison.Ordinal));
        var second = await _cli.RunAsync("apply", "-f", other);
        Assert.Equal(0, second.Exit);
        Assert.Contains("app/d names task definition family shared, as the stored App/default/a does", second.Err, StringComparison.Ordinal);
        Assert.Equal(0, (await _cli.RunAsync("apply", "-f", one)).Exit);
    }
}

public sealed class ValidateRegionTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Validate_with_region_warns_about_documents_for_another_region()
    {
        var valid = await _cli.RunAsync("validate", "-f", CliHarness.Samples, "--region", "us-west-2");
        Assert.Equal(0, valid.Exit);
        Assert.Contains("app/web is for region ap-northeast-1, not us-west-2: an operator in us-west-2 refuses it (Degraded/RegionMismatch)", valid.Err, StringComparison.Ordinal);
        Assert.Contains("capacitypool/ecs-cluster-nodes is for region ap-northeast-1", valid.Err, StringComparison.Ordinal);

        var same = await _cli.RunAsync("validate", "-f", CliHarness.Samples, "--region", "ap-northeast-1");
        Assert.Equal(0, same.Exit);
        Assert.DoesNotContain("is for region", same.Err, StringComparison.Ordinal);
    }
}
