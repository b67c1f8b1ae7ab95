using Cronos;

namespace EcsOperator.Core.Jobs;

/// <summary>A CronJob's schedule (five-field cron, Cronos) in its time zone.</summary>
public sealed class CronSchedule
{
    private readonly CronExpression expression;
    private readonly TimeZoneInfo zone;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        this.expression = expression;
        this.zone = zone;
    }

    /// <summary>Parses the schedule and time zone; <paramref name="error"/> names the field at fault.</summary>
    public static CronSchedule? TryCreate(string schedule, string? timeZone, out string? error)
    {
        error = null;
        if (!CronExpression.TryParse(schedule ?? "", CronFormat.Standard, out var expression))
        {
            error = $"spec.schedule: '{schedule}' is not a five-field cron expression";
            return null;
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(string.IsNullOrEmpty(timeZone) ? "UTC" : timeZone, out var zone))
        {
            error = $"spec.timeZone: '{timeZone}' is not a known time zone";
            return null;
        }
        return new CronSchedule(expression, zone);
    }

    /// <summary>The latest slot in (<paramref name="after"/>, <paramref name="now"/>], or null: however many were
    /// missed, only the latest is returned (no burst of catch-up runs).</summary>
    public DateTimeOffset? LatestDue(DateTimeOffset after, DateTimeOffset now)
    {
        if (now <= after) return null;
        // Widen a window back from now until it holds a slot; only the last slot in it matters.
        foreach (var width in Windows)
        {
            var start = now - after > width ? now - width : after;
            DateTimeOffset? latest = null;
            foreach (var slot in expression.GetOccurrences(start, now, zone, fromInclusive: false, toInclusive: true)) latest = slot;
            if (latest is not null || start == after) return latest;
        }
        return null;
    }

    private static readonly TimeSpan[] Windows =
        [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.FromDays(3660), TimeSpan.MaxValue];

    public DateTimeOffset? Next(DateTimeOffset after) => expression.GetNextOccurrence(after, zone);
}
