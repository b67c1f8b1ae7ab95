using System.Diagnostics;
using System.Text;
using CsCheck;
using EcsOperator.Core.Manifests;
using Xunit.Abstractions;

namespace EcsOperator.Core.Tests.Manifests;

/// <summary>Hostile and broken input is rejected cheaply with a message, never by an exception or by running out of memory.</summary>
public sealed class SafeParsingTests(ITestOutputHelper output)
{
    private const string Head = "apiVersion: ecs.operator/v1\nkind: App\nmetadata:\n  name: web\nspec:\n  cluster: default\n  taskDefinition:\n    containerDefinitions: [{name: app, image: nginx}]\n";

    [Fact]
    public void A_document_over_400_kb_is_rejected_before_parsing()
    {
        var text = Head + "    padding: \"" + new string('x', 410 * 1024) + "\"\n";

        var single = Timed("oversized ParseSingle", () => ManifestParser.ParseSingle(text, "App/default/web"));
        var stream = Timed("oversized Parse", () => ManifestParser.Parse(text, "big.yaml"));

        Assert.Equal($"App/default/web:1:1: document is {Encoding.UTF8.GetByteCount(text)} bytes; the limit is 307200 bytes (DynamoDB's 400 KB item limit, less room for the status)",
            Assert.Single(single.Errors).ToString());
        Assert.StartsWith("big.yaml:1:1: document is ", Assert.Single(stream.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_may_hold_many_documents_but_each_must_fit_the_item_limit()
    {
        var small = string.Join("---\n", Enumerable.Range(0, 3).Select(i => Head.Replace("name: web", $"name: web{i}")));
        var big = Head.Replace("name: web", "name: big") + "    padding: \"" + new string('x', 401 * 1024) + "\"\n";

        var result = ManifestParser.Parse(small + "---\n" + big, "f");

        Assert.Equal(3, result.Documents.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal(28, error.Line);
        Assert.Contains("the limit is 307200 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_nodes_within_the_size_limit_are_rejected()
    {
        var text = "a: [" + string.Join(",", Enumerable.Repeat("1", 120_000)) + "]\n";

        var result = Timed("120k-node list", () => ManifestParser.Parse(text, "f"));

        Assert.Equal("more than 100000 nodes", Assert.Single(result.Errors).Message[^22..]);
    }

    [Fact]
    public void Many_cheap_aliases_are_rejected_too()
    {
        var text = "a: &a x\nb: [" + string.Join(",", Enumerable.Repeat("*a", 500)) + "]\n";

        Assert.Equal("more than 100 aliases in one document", Assert.Single(ManifestParser.Parse(text, "f").Errors).Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Deep_nesting_is_rejected_in_flow_and_block_style(bool flow)
    {
        var text = flow
            ? new string('[', 10_000) + new string(']', 10_000)
            : string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "k:\n"));

        var result = Timed($"deep nesting flow={flow}", () => ManifestParser.Parse(text, "f"));

        Assert.Contains(result.Errors, e => e.Message == "nesting deeper than 64 levels");
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            AssertHandled(Encoding.UTF8.GetString(bytes));
            AssertHandled(Encoding.Latin1.GetString(bytes));
        }
    }

    [Fact]
    public void Truncated_and_mutated_samples_never_throw()
    {
        var random = new Random(7);
        const string specials = ":-[]{}&*!|>'\"%@`#,?\t\n ";
        foreach (var file in Directory.GetFiles(RepoRoot.Combine("samples"), "*.yaml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            for (var cut = 0; cut < text.Length; cut += 29) AssertHandled(text[..cut]);
            for (var i = 0; i < 40; i++)
            {
                var chars = text.ToCharArray();
                for (var j = 0; j < 3; j++) chars[random.Next(chars.Length)] = specials[random.Next(specials.Length)];
                AssertHandled(new string(chars));
            }
        }
    }

    [Fact]
    public void Parsing_arbitrary_text_never_throws()
    {
        Gen.String.Sample(text => AssertHandled(text), iter: 2000);
        var yamlish = Gen.Char[":-[]{}&*!|>'\"%@`#,? \t\nab01~"].Array[0, 120].Select(c => new string(c));
        yamlish.Sample(text => AssertHandled(text), iter: 5000);
    }

    private static void AssertHandled(string text)
    {
        var result = ManifestParser.Parse(text, "fuzz");
        Assert.All(result.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1, e.ToString()));
        Assert.DoesNotContain(result.Errors, e => e.Message.StartsWith("internal error", StringComparison.Ordinal));
        var single = ManifestParser.ParseSingle(text, "fuzz");
        Assert.True(single.Documents.Count <= 1);
    }

    private ManifestParseResult Timed(string what, Func<ManifestParseResult> parse)
    {
        var watch = Stopwatch.StartNew();
        var result = parse();
        output.WriteLine($"{what}: rejected in {watch.Elapsed.TotalMilliseconds:F1} ms");
        return result;
    }
}
