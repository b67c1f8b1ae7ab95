using System.Diagnostics;
using EcsOperator.Core.Manifests;
using Xunit.Abstractions;

namespace EcsOperator.Core.Tests.Manifests;

/// <summary>
/// testassets/&lt;case&gt;/manifest.yaml in, testassets/&lt;case&gt;/expected.txt out: the exact
/// <c>FILE:LINE:COL: path: message</c> lines (an empty file means the manifest is valid).
/// Regenerate after an intended message change with <c>UPDATE_GOLDEN=1 dotnet test tests/EcsOperator.Core.Tests</c>, then review the diff.
/// </summary>
public sealed class GoldenCaseTests(ITestOutputHelper output)
{
    private static string AssetsDir => RepoRoot.Combine("tests", "EcsOperator.Core.Tests", "testassets");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(AssetsDir).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Errors_match_the_expected_lines(string name)
    {
        var dir = Path.Combine(AssetsDir, name);
        var text = File.ReadAllText(Path.Combine(dir, "manifest.yaml"));

        var watch = Stopwatch.StartNew();
        var result = ManifestParser.Parse(text, "manifest.yaml");
        watch.Stop();
        output.WriteLine($"{name}: {result.Errors.Count} error(s), {result.Documents.Count} document(s) in {watch.Elapsed.TotalMilliseconds:F1} ms");

        var actual = string.Concat(result.Errors.Select(e => e + "\n"));
        var expectedPath = Path.Combine(dir, "expected.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(expectedPath, actual);
        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; run with UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }
}
