using System.Text;

namespace EcsOperator.Core.Diff;

/// <summary>A line-based unified diff (<c>diff -u</c> format) of two texts, with <c>context</c> lines around each
/// change; hunks whose context would touch are merged. Used by <c>ecsctl diff</c> and the reconcilers' drift reports.</summary>
public static class UnifiedDiff
{
    private const long MaxTableCells = 4_000_000;

    /// <summary>Empty string when the texts are equal (line endings aside).</summary>
    public static string Render(string oldText, string newText, string oldLabel, string newLabel, int context = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        var a = Lines(oldText ?? "");
        var b = Lines(newText ?? "");
        var edits = Edits(a, b);
        if (edits.All(e => e.Op == ' ')) return "";
        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
        foreach (var (start, end) in Hunks(edits, context)) WriteHunk(sb, edits, start, end);
        return sb.ToString();
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    private readonly record struct Edit(char Op, string Line, int OldLine, int NewLine);

    /// <summary>Common prefix and suffix, then a longest-common-subsequence table for the middle (or a plain
    /// replace when the middle is too large to tabulate).</summary>
    private static List<Edit> Edits(string[] a, string[] b)
    {
        var pre = 0;
        while (pre < a.Length && pre < b.Length && a[pre] == b[pre]) pre++;
        var suf = 0;
        while (suf < a.Length - pre && suf < b.Length - pre && a[^(suf + 1)] == b[^(suf + 1)]) suf++;
        var edits = new List<Edit>(a.Length + b.Length);
        for (var i = 0; i < pre; i++) edits.Add(new Edit(' ', a[i], i, i));
        int n = a.Length - pre - suf, m = b.Length - pre - suf;
        if ((long)n * m > MaxTableCells)
        {
            for (var i = 0; i < n; i++) edits.Add(new Edit('-', a[pre + i], pre + i, pre));
            for (var j = 0; j < m; j++) edits.Add(new Edit('+', b[pre + j], pre + n, pre + j));
        }
        else
        {
            Middle(a, b, pre, n, m, edits);
        }

        for (var k = suf; k > 0; k--) edits.Add(new Edit(' ', a[^k], a.Length - k, b.Length - k));
        return edits;
    }

    private static void Middle(string[] a, string[] b, int pre, int n, int m, List<Edit> edits)
    {
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[pre + i] == b[pre + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[pre + x] == b[pre + y]) { edits.Add(new Edit(' ', a[pre + x], pre + x, pre + y)); x++; y++; }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1])) { edits.Add(new Edit('-', a[pre + x], pre + x, pre + y)); x++; }
            else { edits.Add(new Edit('+', b[pre + y], pre + x, pre + y)); y++; }
        }
    }

    /// <summary>Ranges of edits [start, end) that form hunks: changes plus context, merged when close.</summary>
    private static List<(int Start, int End)> Hunks(List<Edit> edits, int context)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Op == ' ') continue;
            var start = Math.Max(0, i - context);
            var end = Math.Min(edits.Count, i + 1 + context);
            if (hunks.Count > 0 && start <= hunks[^1].End) hunks[^1] = (hunks[^1].Start, end);
            else hunks.Add((start, end));
        }

        return hunks;
    }

    private static void WriteHunk(StringBuilder sb, List<Edit> edits, int start, int end)
    {
        var slice = edits.GetRange(start, end - start);
        var oldCount = slice.Count(e => e.Op != '+');
        var newCount = slice.Count(e => e.Op != '-');
        var oldStart = oldCount == 0 ? slice[0].OldLine : slice[0].OldLine + 1;
        var newStart = newCount == 0 ? slice[0].NewLine : slice[0].NewLine + 1;
        sb.Append($"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
        foreach (var e in slice) sb.Append(e.Op).Append(e.Line).Append('\n');
    }
}
