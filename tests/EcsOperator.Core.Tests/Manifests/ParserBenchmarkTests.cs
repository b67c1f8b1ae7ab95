using System.Diagnostics;
using EcsOperator.Core.Manifests;
using Xunit.Abstractions;

namespace EcsOperator.Core.Tests.Manifests;

/// <summary>Prints parse + validate throughput over the samples (a benchmark: numbers, not a timed assertion).</summary>
public sealed class ParserBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Parse_and_validate_throughput_of_the_samples()
    {
        var texts = Directory.GetFiles(RepoRoot.Combine("samples"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}infra{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        foreach (var t in texts) Assert.True(ManifestParser.Parse(t, "warm-up").Ok);

        const int rounds = 200;
        var watch = Stopwatch.StartNew();
        var documents = 0;
        for (var i = 0; i < rounds; i++)
        {
            foreach (var t in texts) documents += ManifestParser.Parse(t, "bench").Documents.Count;
        }
        watch.Stop();

        Assert.Equal(rounds * texts.Count, documents);
        output.WriteLine($"{documents} documents ({texts.Sum(t => t.Length) * rounds / 1024} KiB) parsed and validated in {watch.ElapsedMilliseconds} ms: " +
                         $"{watch.Elapsed.TotalMicroseconds / documents:F0} µs per document");
    }
}
