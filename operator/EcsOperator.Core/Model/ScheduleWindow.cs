using System.Globalization;

namespace EcsOperator.Core.Model;

/// <summary>Reads the <c>H:MM</c> times of scheduled windows.</summary>
public static class ScheduleWindow
{
    /// <summary>H:MM or HH:MM, 0:00 to 23:59 (24:00 allowed as an end of day).</summary>
    public const string Pattern = "^(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$";

    /// <summary>What a time that does not match <see cref="Pattern"/> is told.</summary>
    public const string PatternMessage = "is not a time of day H:MM (0:00 to 23:59, or 24:00), e.g. 1:45";

    /// <summary>Parses <c>H:MM</c> into a time of day (24:00 is the end of the day).</summary>
    public static bool TryParse(string? text, out TimeSpan timeOfDay)
    {
        timeOfDay = default;
        if (text is null) return false;
        var parts = text.Split(':');
        if (parts.Length != 2 || parts[0].Length is < 1 or > 2 || parts[1].Length != 2) return false;
        if (!parts[0].All(char.IsAsciiDigit) || !parts[1].All(char.IsAsciiDigit)) return false;
        var h = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var m = int.Parse(parts[1], CultureInfo.InvariantCulture);
        if (m > 59 || h > 24 || (h == 24 && m != 0)) return false;
        timeOfDay = new TimeSpan(h, m, 0);
        return true;
    }

    /// <summary>True when <paramref name="time"/> lies in [from, to); a window with to &lt; from crosses midnight.</summary>
    public static bool Contains(TimeSpan from, TimeSpan to, TimeSpan time) =>
        from <= to ? time >= from && time < to : time >= from || time < to;
}
