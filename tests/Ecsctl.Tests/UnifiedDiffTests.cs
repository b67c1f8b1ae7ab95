using Ecsctl.Output;

namespace Ecsctl.Tests;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Equal_texts_have_no_diff() => Assert.Equal("", UnifiedDiff.Compute("a\nb\n", "a\nb\n", "x", "y"));

    [Fact]
    public void A_new_file_is_all_additions()
    {
        Assert.Equal("--- /dev/null\n+++ b/new\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.Compute("", "a\nb\n", "/dev/null", "b/new"));
    }

    [Fact]
    public void Distant_changes_make_separate_hunks_with_three_lines_of_context()
    {
        var old = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"l{i}")) + "\n";
        var changed = old.Replace("l2\n", "L2\n", StringComparison.Ordinal).Replace("l18\n", "", StringComparison.Ordinal);
        var diff = UnifiedDiff.Compute(old, changed, "a", "b");
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
        var diff = UnifiedDiff.Compute(old, changed, "a", "b");
        Assert.StartsWith("--- a\n+++ b\n@@ -1,3000 +1,3000 @@\n-o0\n", diff, StringComparison.Ordinal);
        Assert.Equal(3000, diff.Split('\n').Count(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal)));
    }
}
