using System.Globalization;

namespace EcsOperator.Core.Scaling;

/// <summary>Reads a scheduledMinTaskCount entry's text (clock times, IANA or Windows time zone id) into a <see cref="MinimumWindow"/>.</summary>
public static class MinimumWindowParser
{
    private static readonly string[] ClockFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    /// <param name="path">Where the entry sits in the manifest, e.g. <c>spec.scheduledMinTaskCount[1]</c>; errors name it.</param>
    public static bool TryParse(string? from, string? to, int count, string? timeZone, string path, out MinimumWindow? window, out string? error)
    {
        window = null;
        if (!TryClock(from, out var f)) { error = $"{path}.from: '{from}' is not a clock time (HH:mm)"; return false; }
        if (!TryClock(to, out var t)) { error = $"{path}.to: '{to}' is not a clock time (HH:mm)"; return false; }
        if (count < 0) { error = $"{path}.count: must be 0 or more, got {count}"; return false; }
        var zoneId = string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim();
        if (!TryZone(zoneId, out var zone)) { error = $"{path}.timeZone: unknown time zone '{zoneId}'"; return false; }
        window = new MinimumWindow(f, t, count, zone, $"{path} {f:HH\\:mm}-{t:HH\\:mm} {zoneId} (count {count})");
        error = null;
        return true;
    }

    private static bool TryClock(string? text, out TimeOnly value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (text.Trim() is "24:00" or "24:00:00") { value = TimeOnly.MinValue; return true; }
        return TimeOnly.TryParseExact(text.Trim(), ClockFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool TryZone(string id, out TimeZoneInfo zone)
    {
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase)) { zone = TimeZoneInfo.Utc; return true; }
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }
}
