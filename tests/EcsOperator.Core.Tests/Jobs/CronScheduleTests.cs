using EcsOperator.Core.Jobs;

namespace EcsOperator.Core.Tests.Jobs;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Latest_due_slot_after_downtime_is_only_the_last_one()
    {
        var s = CronSchedule.TryCreate("*/15 * * * *", "UTC", out _)!;
        Assert.Equal(T0.AddHours(5).AddMinutes(45), s.LatestDue(T0, T0.AddHours(5).AddMinutes(50)));
        Assert.Null(s.LatestDue(T0, T0.AddMinutes(14)));
        Assert.Equal(T0.AddMinutes(15), s.LatestDue(T0, T0.AddMinutes(15)));
    }

    [Fact]
    public void Yearly_schedule_far_behind_finds_its_last_slot()
    {
        var s = CronSchedule.TryCreate("0 0 1 1 *", "UTC", out _)!;
        var now = new DateTimeOffset(2029, 7, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero), s.LatestDue(T0, now));
    }

    [Fact]
    public void Reads_the_schedule_in_its_time_zone()
    {
        var s = CronSchedule.TryCreate("0 3 * * *", "Asia/Tokyo", out _)!;
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 18, 0, 0, TimeSpan.Zero), s.Next(T0));
    }

    [Theory]
    [InlineData("61 * * * *", "UTC", "spec.schedule")]
    [InlineData("* * * *", "UTC", "spec.schedule")]
    [InlineData("0 3 * * *", "Mars/Olympus", "spec.timeZone")]
    public void Bad_input_names_the_field(string schedule, string zone, string field)
    {
        Assert.Null(CronSchedule.TryCreate(schedule, zone, out var error));
        Assert.StartsWith(field, error, StringComparison.Ordinal);
    }
}
