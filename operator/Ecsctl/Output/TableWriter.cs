using System.Globalization;

namespace Ecsctl.Output;

/// <summary>Left-aligned columns separated by three spaces, like kubectl.</summary>
internal static class TableWriter
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        WriteRow(output, headers, widths);
        foreach (var row in rows) WriteRow(output, row, widths);
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells, int[] widths)
    {
        var parts = cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]));
        output.WriteLine(string.Join("   ", parts).TrimEnd());
    }

    /// <summary>kubectl-style age: 45s, 5m, 3h, 12d.</summary>
    public static string Age(DateTimeOffset? since, DateTimeOffset now)
    {
        if (since is null) return "<unknown>";
        var d = now - since.Value;
        if (d < TimeSpan.Zero) d = TimeSpan.Zero;
        return Duration(d);
    }

    public static string Duration(TimeSpan d) => d.TotalSeconds < 120 ? $"{(int)d.TotalSeconds}s"
        : d.TotalMinutes < 120 ? $"{(int)d.TotalMinutes}m"
        : d.TotalHours < 48 ? $"{(int)d.TotalHours}h"
        : $"{(int)d.TotalDays}d";

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
