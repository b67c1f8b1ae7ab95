using CsCheck;
using EcsOperator.Core.Diff;

namespace EcsOperator.Core.Tests.Diff;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Equal_texts_have_no_diff() => Assert.Equal("", UnifiedDiff.Render("a\nb\n", "a\nb\n", "x", "y"));

    [Fact]
    public void A_new_file_is_all_additions()
    {
        Assert.Equal("--- /dev/null\n+++ b/new\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.Render("", "a\nb\n", "/dev/null", "b/new"));
    }

    [Fact]
    public void Distant_changes_make_separate_hunks_with_three_lines_of_context()
    {
        var old = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"l{i}")) + "\n";
        var changed = old.Replace("l2\n", "L2\n", StringComparison.Ordinal).Replace("l18\n", "", StringComparison.Ordinal);
        var diff = UnifiedDiff.Render(old, changed, "a", "b");
        Assert.Equal(
            "--- a\n+++ b\n" +
            "@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n" +
            "@@ -15,6 +15,5 @@\n l15\n l16\n l17\n-l18\n l19\n l20\n",
            diff);
    }

    [Fact]
    public void Huge_inputs_fall_back_to_a_replace_and_stay_correct()
    {
        var old = string.Join("\n", Enumerable.Range(0, 3000).Select(i => $"o{i}"));
        var changed = string.Join("\n", Enumerable.Range(0, 3000).Select(i => $"n{i}"));
        var diff = UnifiedDiff.Render(old, changed, "a", "b");
        Assert.StartsWith("--- a\n+++ b\n@@ -1,3000 +1,3000 @@\n-o0\n", diff, StringComparison.Ordinal);
        Assert.Equal(3000, diff.Split('\n').Count(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal)));
    }
}

/// <summary>For all pairs of texts: applying the diff to the old text gives the new one.</summary>
public sealed class UnifiedDiffPropertyTests
{
    [Fact]
    public void Applying_the_diff_reproduces_the_new_text()
    {
        string[] alphabet = ["a", "b", "c", "d", "  x: 1", ""];
        var lines = Gen.Int[0, alphabet.Length - 1].Select(i => alphabet[i]).Array[0, 30];
        lines.Select(lines).Sample((oldLines, newLines) =>
        {
            var oldText = oldLines.Length == 0 ? "" : string.Join("\n", oldLines) + "\n";
            var newText = newLines.Length == 0 ? "" : string.Join("\n", newLines) + "\n";
            var diff = UnifiedDiff.Render(oldText, newText, "a", "b");
            Assert.Equal(NonEmpty(newText), Apply(NonEmpty(oldText), diff));
        }, iter: 3000);
    }

    private static string[] NonEmpty(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    /// <summary>A minimal patch: walks the hunks, checks context and removed lines against the old text.</summary>
    private static string[] Apply(string[] old, string diff)
    {
        if (diff.Length == 0) return old;
        var result = new List<string>();
        var position = 0;
        foreach (var line in diff.TrimEnd('\n').Split('\n').Skip(2))
        {
            if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                var m = System.Text.RegularExpressions.Regex.Match(line, @"^@@ -(\d+),(\d+) \+\d+,\d+ @@$");
                Assert.True(m.Success, line);
                var start = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var target = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) == 0 ? start : start - 1;
                Assert.True(target >= position, "hunks out of order");
                result.AddRange(old[position..target]);
                position = target;
                continue;
            }

            switch (line[0])
            {
                case ' ':
                    Assert.Equal(old[position], line[1..]);
                    result.Add(old[position++]);
                    break;
                case '-':
                    Assert.Equal(old[position++], line[1..]);
                    break;
                case '+':
                    result.Add(line[1..]);
                    break;
                default:
                    Assert.Fail($"unexpected diff line '{line}'");
                    break;
            }
        }

        result.AddRange(old[position..]);
        return [.. result];
    }
}

public sealed class UnifiedDiffOptionsTests
{
    [Fact]
    public void Context_is_configurable_and_crlf_line_endings_do_not_count_as_changes()
    {
        Assert.Equal("", UnifiedDiff.Render("a\r\nb\r\n", "a\nb\n", "x", "y"));
        var diff = UnifiedDiff.Render("1\n2\n3\n4\n5\n", "1\n2\nX\n4\n5\n", "a", "b", context: 1);
        Assert.Equal("--- a\n+++ b\n@@ -2,3 +2,3 @@\n 2\n-3\n+X\n 4\n", diff);
    }
}
