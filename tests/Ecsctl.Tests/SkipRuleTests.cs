using EcsOperator.Core.Resources;

namespace Ecsctl.Tests;

/// <summary>A directory walk skips files that hold no ecs.operator document (with a note on stderr); a named file is
/// always validated.</summary>
public sealed class SkipRuleTests : IDisposable
{
    private const string Policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ecs:*\", \"Resource\": \"*\"}]\n}\n";
    private const string Typo = "apiVersion: ecs.operater/v1\nkind: App\nmetadata: {name: typo}\nspec: {}\n";

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_samples_directory_skips_the_iam_policy_with_a_note_and_applies_the_rest()
    {
        var result = await _cli.RunAsync("apply", "-f", CliHarness.Samples);
        Assert.True(result.Exit == 0, result.ToString());
        var policy = Path.Combine(CliHarness.Samples, "operator", "iam-policy.json");
        Assert.Contains($"{policy}: skipped (not an ecs.operator/v1 manifest)", result.Err.Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.DoesNotContain(result.OutLines, l => l.Contains("iam-policy", StringComparison.Ordinal));
        Assert.Contains("app/ecs-operator created", result.OutLines);
    }

    [Fact]
    public async Task In_a_directory_other_json_and_yaml_are_skipped_but_an_operator_document_with_errors_stops_everything()
    {
        var good = _cli.WriteFile("dir/web.yaml", File.ReadAllText(Path.Combine(CliHarness.Samples, "apps", "web.yaml")));
        _cli.WriteFile("dir/policy.json", Policy);
        _cli.WriteFile("dir/ci/workflow.yml", "on: push\njobs: {}\n");
        var dir = Path.GetDirectoryName(good)!;
        var ok = await _cli.RunAsync("validate", "-f", dir);
        Assert.True(ok.Exit == 0, ok.ToString());
        Assert.Contains("policy.json: skipped (not an ecs.operator/v1 manifest)", ok.Err, StringComparison.Ordinal);
        Assert.Contains("workflow.yml: skipped (not an ecs.operator/v1 manifest)", ok.Err, StringComparison.Ordinal);
        Assert.Contains("1 document(s) in 1 file(s) are valid", ok.Out, StringComparison.Ordinal);

        _cli.WriteFile("dir/bad.yaml", "apiVersion: ecs.operator/v2\nkind: App\nmetadata: {name: bad}\nspec: {}\n");
        var bad = await _cli.RunAsync("apply", "-f", dir);
        Assert.Equal(1, bad.Exit);
        Assert.Contains("bad.yaml:", bad.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was applied", bad.Err, StringComparison.Ordinal);
        Assert.Empty(await _cli.Store.ListAsync(null, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_named_file_is_always_validated_so_a_typo_in_its_api_version_is_an_error()
    {
        var typo = _cli.WriteFile("typo.yaml", Typo);
        var result = await _cli.RunAsync("apply", "-f", typo);
        Assert.Equal(1, result.Exit);
        Assert.Contains($"{typo}:1:", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", result.Err, StringComparison.Ordinal);

        var policy = _cli.WriteFile("policy.json", Policy);
        var named = await _cli.RunAsync("validate", "-f", policy);
        Assert.Equal(1, named.Exit);
        Assert.DoesNotContain("skipped", named.Err, StringComparison.Ordinal);
        Assert.Null(await _cli.Store.GetAsync(new ResourceKey(ResourceKind.App, "default", "typo"), CancellationToken.None));
    }
}
