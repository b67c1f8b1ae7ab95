using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace EcsOperator.Core.Diff;

/// <summary>
/// A line-based unified diff (<c>diff -u</c> format) of two texts, with <c>context</c> lines around each change; hunks
/// whose context would touch are merged. Used by <c>ecsctl diff</c> and the reconcilers' drift reports. DiffPlex finds
/// the changed lines (Myers' algorithm); this class only lays them out as <c>diff -u</c> does (an empty side is
/// <c>-0,0</c>, no "no newline at end of file" marker: line endings are normalised before comparing).
/// </summary>
public static class UnifiedDiff
{
    /// <summary>Empty string when the texts are equal (line endings aside).</summary>
    public static string Render(string oldText, string newText, string oldLabel, string newLabel, int context = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        var result = Differ.Instance.CreateDiffs(oldText ?? "", newText ?? "", ignoreWhiteSpace: false, ignoreCase: false, LfChunker.Instance);
        if (result.DiffBlocks.Count == 0) return "";
        var edits = Edits(result);
        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
        foreach (var (start, end) in Hunks(edits, context)) WriteHunk(sb, edits, start, end);
        return sb.ToString();
    }

    /// <summary>Splits on LF after dropping CRs before LF and the trailing newlines, so "a\r\nb\r\n" and "a\nb" are the same two lines.</summary>
    private sealed class LfChunker : IChunker
    {
        public static readonly LfChunker Instance = new();

        public IReadOnlyList<string> Chunk(string text) =>
            text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
    }

    private readonly record struct Edit(char Op, string Line, int OldLine, int NewLine);

    /// <summary>The whole edit script: unchanged lines between DiffPlex's blocks, each block's deletions before its insertions.</summary>
    private static List<Edit> Edits(DiffResult result)
    {
        var a = result.PiecesOld;
        var b = result.PiecesNew;
        var edits = new List<Edit>(a.Count + b.Count);
        int x = 0, y = 0;
        foreach (var block in result.DiffBlocks)
        {
            while (x < block.DeleteStartA) edits.Add(new Edit(' ', a[x], x++, y++));
            for (var i = 0; i < block.DeleteCountA; i++) edits.Add(new Edit('-', a[x], x++, y));
            for (var i = 0; i < block.InsertCountB; i++) edits.Add(new Edit('+', b[y], x, y++));
        }

        while (x < a.Count) edits.Add(new Edit(' ', a[x], x++, y++));
        return edits;
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
