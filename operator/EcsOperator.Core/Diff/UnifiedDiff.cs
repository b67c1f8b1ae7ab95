using System.Text;

namespace EcsOperator.Core.Diff;

/// <summary>A line-based unified diff (LCS), like <c>diff -u</c>, with <paramref name="context"/> lines around each change.</summary>
public static class UnifiedDiff
{
    /// <summary>Empty string when the texts are equal.</summary>
    public static string Render(string oldText, string newText, string oldLabel, string newLabel, int context = 3)
    {
        var a = SplitLines(oldText);
        var b = SplitLines(newText);
        var ops = Diff(a, b);
        if (ops.All(o => o.Op == ' ')) return "";
        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Op == ' ') { i++; continue; }
            var start = Math.Max(0, i - context);
            // extend the hunk while changes are within 2*context of each other
            var lastChange = i;
            for (var j = i; j < ops.Count; j++)
            {
                if (ops[j].Op != ' ') lastChange = j;
                else if (j - lastChange > 2 * context) break;
            }
            var end = Math.Min(ops.Count - 1, lastChange + context);
            var oldStart = ops.Take(start).Count(o => o.Op != '+') + 1;
            var newStart = ops.Take(start).Count(o => o.Op != '-') + 1;
            var hunk = ops.Skip(start).Take(end - start + 1).ToList();
            sb.Append($"@@ -{oldStart},{hunk.Count(o => o.Op != '+')} +{newStart},{hunk.Count(o => o.Op != '-')} @@\n");
            foreach (var (op, line) in hunk) sb.Append(op).Append(line).Append('\n');
            i = end + 1;
        }
        return sb.ToString();
    }

    private static string[] SplitLines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    private static List<(char Op, string Line)> Diff(string[] a, string[] b)
    {
        var n = a.Length;
        var m = b.Length;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }
        var ops = new List<(char, string)>(n + m);
        int x = 0, y = 0;
        while (x < n && y < m)
        {
            if (a[x] == b[y]) { ops.Add((' ', a[x])); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) { ops.Add(('-', a[x])); x++; }
            else { ops.Add(('+', b[y])); y++; }
        }
        while (x < n) ops.Add(('-', a[x++]));
        while (y < m) ops.Add(('+', b[y++]));
        return ops;
    }
}
